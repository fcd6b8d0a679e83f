package io.liveroom.oidc;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * The user's linked provider identities (provider, subject, verified email, when linked and last
 * used): in the export as {@code linkedIdentities}, deleted on erasure. Nothing else is kept: no
 * provider token, and used nonces are hashes that expire with their tokens.
 */
final class OidcPersonalData implements PersonalDataSource {
  private final OidcRepository identities;

  OidcPersonalData(OidcRepository identities) {
    this.identities = identities;
  }

  @Override
  public List<String> categories() {
    return List.of("linkedIdentities");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return out.query(identities.pool(), "linkedIdentities", OidcRepository.LIST, Tuple.of(userId), OidcRepository::json);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return identities.erase(tx, userId);
  }
}
