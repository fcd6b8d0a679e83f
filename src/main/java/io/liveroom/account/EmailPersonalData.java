package io.liveroom.account;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.List;

/**
 * The pending email change ({@code emailVerification}: the address asked for and when; never the
 * code's hash) in the export, deleted on erasure. The verified address itself is the account's
 * contact data ({@link AccountPersonalData}: {@code contact.email}, {@code contact.emailVerifiedAt}),
 * cleared with the profile. Also the retention target {@code email_verifications}: changes that
 * expired unverified are deleted once older than the rule's period.
 */
final class EmailPersonalData implements PersonalDataSource, RetentionTarget {
  private final EmailRepository emails;

  EmailPersonalData(EmailRepository emails) {
    this.emails = emails;
  }

  @Override
  public List<String> categories() {
    return List.of("emailVerification");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return emails.exportPending(userId).compose(found -> out.object("emailVerification", found.map(r -> new JsonObject()
      .put("email", r.getString("email"))
      .put("requestedAt", AccountPersonalData.iso(r.getOffsetDateTime("created_at")))
      .put("expiresAt", AccountPersonalData.iso(r.getOffsetDateTime("expires_at")))).orElse(null)));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return emails.deletePending(tx, userId);
  }

  @Override
  public String name() {
    return "email_verifications";
  }

  /** Deletes changes whose code expired before {@code cutoff}. */
  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return emails.purgeExpired(cutoff, limit);
  }
}
