package io.liveroom.privacy;

import io.liveroom.consent.ConsentDecision;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.LocationService;
import io.liveroom.geo.NearbyService;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Consent and Nearby: the current consents, the whole consent ledger and Nearby visibility (asked
 * of {@link NearbyService}; blocks are the social capability's own personal data). Freezing deletes
 * the stored location at once (GEO). Erasure keeps the consent ledger (append-only by design: it
 * proves what was agreed, and holds nothing but the account id, which is anonymous after erasure)
 * and deletes visibility and the location.
 */
final class ConsentPersonalData implements PersonalDataSource {
  private final ConsentService consents;
  private final LocationService locations;
  private final NearbyService nearby;

  ConsentPersonalData(ConsentService consents, LocationService locations, NearbyService nearby) {
    this.consents = consents;
    this.locations = locations;
    this.nearby = nearby;
  }

  @Override
  public List<String> categories() {
    return List.of("consents", "consentHistory", "nearbyVisibility");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return consents.current(userId).compose(c -> out.list("consents", json(c)))
      .compose(v -> consents.history(userId)).compose(h -> out.list("consentHistory", json(h)))
      .compose(v -> nearby.visibilityRecord(userId))
      .compose(row -> out.object("nearbyVisibility", row.map(r -> new JsonObject()
        .put("visible", r.getBoolean("visible")).put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at"))))
        .orElse(null)));
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
    return locations.clear(userId).compose(v -> nearby.erase(tx, userId));
  }
}
