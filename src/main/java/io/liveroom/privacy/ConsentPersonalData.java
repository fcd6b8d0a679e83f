package io.liveroom.privacy;

import io.liveroom.consent.ConsentDecision;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.LocationService;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Consent and Nearby: the current consents, the whole consent ledger, Nearby visibility and the
 * blocks the user made. Freezing deletes the stored location at once (GEO). Erasure keeps the
 * consent ledger (append-only by design: it proves what was agreed, and holds nothing but the
 * account id, which is anonymous after erasure) and deletes visibility, blocks and the location.
 */
final class ConsentPersonalData implements PersonalDataSource {
  static final String VISIBILITY = "SELECT visible, updated_at FROM nearby_visibility WHERE user_id = $1";
  static final String BLOCKS = "SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = $1 ORDER BY created_at";
  static final String DELETE_VISIBILITY = "DELETE FROM nearby_visibility WHERE user_id = $1";
  static final String DELETE_BLOCKS = "DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1";

  private final Pool pool;
  private final ConsentService consents;
  private final LocationService locations;

  ConsentPersonalData(Pool pool, ConsentService consents, LocationService locations) {
    this.pool = pool;
    this.consents = consents;
    this.locations = locations;
  }

  @Override
  public List<String> categories() {
    return List.of("consents", "consentHistory", "nearbyVisibility", "blocks");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return consents.current(userId).compose(c -> out.list("consents", json(c)))
      .compose(v -> consents.history(userId)).compose(h -> out.list("consentHistory", json(h)))
      .compose(v -> pool.preparedQuery(VISIBILITY).execute(Tuple.of(userId)))
      .compose(rows -> out.object("nearbyVisibility", rows.size() == 0 ? null : new JsonObject()
        .put("visible", rows.iterator().next().getBoolean("visible"))
        .put("updatedAt", Times.iso(rows.iterator().next().getOffsetDateTime("updated_at")))))
      .compose(v -> out.query(pool, "blocks", BLOCKS, Tuple.of(userId), r -> new JsonObject()
        .put("blockedUserId", r.getLong("blocked_id")).put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))));
  }

  private static List<JsonObject> json(List<ConsentDecision> decisions) {
    return decisions.stream().map(ConsentDecision::toJson).toList();
  }

  @Override
  public Future<Void> freeze(long userId) {
    return locations.clear(userId);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return locations.clear(userId)
      .compose(v -> tx.preparedQuery(DELETE_VISIBILITY).execute(Tuple.of(userId)))
      .compose(v -> tx.preparedQuery(DELETE_BLOCKS).execute(Tuple.of(userId))).mapEmpty();
  }
}
