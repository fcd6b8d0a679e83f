package io.liveroom.geo;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@DisplayName("PUT /api/v1/me/location stores only a grid-cell centre, and only under location consent")
class LocationHttpTest {
  private static final double LAT = 31.230416;
  private static final double LNG = 121.473701;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("nearby").getJsonObject("updateLimit").put("max", 5))
    .resetEachTest()
    .build();
  private static NearbyFixtures fx;
  private static String redis;

  @BeforeAll
  static void boot() {
    fx = new NearbyFixtures(node.get(), new TestHttp(node.httpPort()));
    redis = TestInfra.get().redisUrl();
  }

  private static String geopos(String token) {
    return RedisProbe.command(redis, "GEOPOS", GeoStore.CELLS_KEY, Long.toString(NearbyFixtures.subject(token)));
  }

  @Test
  @DisplayName("Without location consent the update is 403 consent_required naming the purpose, and Redis holds nothing")
  void noConsentNothingStored() {
    String token = fx.user("no-consent", NearbyFixtures.ADULT, false, false);
    TestHttp.Response r = fx.locate(token, LAT, LNG);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("code")).isEqualTo("consent_required");
    assertThat(r.json().getString("purpose")).isEqualTo("location");
    // Only the other capabilities' cache markers (lr:{cache}:*) and youth mode's cache of the
    // caller's mode (asked before Nearby) may be there: nothing of Nearby's.
    assertThat(RedisProbe.command(redis, "KEYS", "*").lines().filter(k -> !k.isBlank() && !k.startsWith("lr:{cache}:")
      && !k.startsWith("youth:mode:")))
      .isEmpty();
    assertThat(geopos(token)).isEmpty();
  }

  @Test
  @DisplayName("Consent given elsewhere does not count: marketing consent still gets 403 for location")
  void otherPurposeDoesNotCount() {
    String token = fx.user("marketing-only", NearbyFixtures.ADULT, false, false);
    fx.consent(token, "marketing_notifications", true);
    assertThat(fx.locate(token, LAT, LNG).status()).isEqualTo(403);
    assertThat(RedisProbe.command(redis, "KEYS", "nearby:*")).isEmpty();
  }

  @Test
  @DisplayName("With consent the stored GEO member is the cell centre, not the position sent")
  void storesCellCentre() {
    String token = fx.user("sharer", NearbyFixtures.ADULT, true, false);
    TestHttp.Response r = fx.locate(token, LAT, LNG);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getInteger("cellMeters")).isEqualTo(500);
    assertThat(r.json().getString("region")).hasSize(4);
    assertThat(r.json().fieldNames()).containsExactlyInAnyOrder("region", "cellMeters", "expiresAt");

    GridCell cell = new LocationGrid(500).snap(LAT, LNG);
    String[] pos = geopos(token).split("\n");
    double storedLng = Double.parseDouble(pos[0]);
    double storedLat = Double.parseDouble(pos[1]);
    // Redis keeps a 52-bit geohash: centimetre rounding of the centre, nowhere near the sent point.
    assertThat(storedLat).isCloseTo(cell.lat(), within(1e-5));
    assertThat(storedLng).isCloseTo(cell.lng(), within(1e-5));
    assertThat(LocationGrid.distanceMeters(storedLat, storedLng, LAT, LNG)).isGreaterThan(10);
    assertThat(RedisProbe.command(redis, "ZSCORE", GeoStore.SEEN_KEY, Long.toString(NearbyFixtures.subject(token))))
      .isNotNull();
  }

  @Test
  @DisplayName("Bad coordinates are 400 with field errors: out of range, NaN (literal or string), strings, missing")
  void badCoordinates() {
    String token = fx.user("typo", NearbyFixtures.ADULT, true, false);
    assertFieldErrors(fx.putRaw("/api/v1/me/location", "{\"lat\":91,\"lng\":-181}", token), "lat", "lng");
    assertFieldErrors(fx.putRaw("/api/v1/me/location", "{\"lat\":NaN,\"lng\":Infinity}", token), "lat", "lng");
    assertFieldErrors(fx.putRaw("/api/v1/me/location", "{\"lat\":\"NaN\",\"lng\":\"121.4\"}", token), "lat", "lng");
    assertFieldErrors(fx.putRaw("/api/v1/me/location", "{\"lng\":121.4,\"accuracy\":-3}", token), "lat", "accuracy");
    assertThat(fx.putRaw("/api/v1/me/location", "{\"lat\":", token).json().getString("code")).isEqualTo("malformed_json");
    assertThat(RedisProbe.command(redis, "KEYS", "nearby:*")).isEmpty();
  }

  private static void assertFieldErrors(TestHttp.Response r, String... fields) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getString("code")).isEqualTo("validation_failed");
    assertThat(r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
      .containsExactlyInAnyOrder(fields);
  }

  @Test
  @DisplayName("A jump faster than an airliner is refused with 422 location_implausible and the old cell kept")
  void implausibleJump() {
    String token = fx.user("teleporter", NearbyFixtures.ADULT, true, false);
    assertThat(fx.locate(token, LAT, LNG).status()).isEqualTo(200);
    String before = geopos(token);
    TestHttp.Response beijing = fx.locate(token, 39.9042, 116.4074);
    assertThat(beijing.status()).isEqualTo(422);
    assertThat(beijing.json().getString("code")).isEqualTo("location_implausible");
    assertThat(geopos(token)).isEqualTo(before);
    assertThat(fx.locate(token, LAT + 0.002, LNG).status()).as("a short walk is fine").isEqualTo(200);
  }

  @Test
  @DisplayName("Updates are rate-limited per user: beyond the limit 429 rate_limited with Retry-After")
  void updatesRateLimited() {
    String token = fx.user("chatty", NearbyFixtures.ADULT, true, false);
    for (int i = 0; i < 5; i++) {
      assertThat(fx.locate(token, LAT, LNG).status()).isEqualTo(200);
    }
    TestHttp.Response limited = fx.locate(token, LAT, LNG);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getString("code")).isEqualTo("rate_limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
    String other = fx.user("quiet", NearbyFixtures.ADULT, true, false);
    assertThat(fx.locate(other, LAT, LNG).status()).as("limits are per user").isEqualTo(200);
  }

  @Test
  @DisplayName("Withdrawing location consent deletes the stored cell at once; DELETE /me/location does too")
  void withdrawalAndClearDelete() {
    String token = fx.user("leaver", NearbyFixtures.ADULT, true, false);
    fx.locate(token, LAT, LNG);
    assertThat(geopos(token)).isNotEmpty();
    assertThat(fx.consent(token, "location", false).status()).isEqualTo(200);
    assertThat(geopos(token)).isEmpty();
    assertThat(RedisProbe.command(redis, "ZSCORE", GeoStore.SEEN_KEY, Long.toString(NearbyFixtures.subject(token)))).isNull();
    assertThat(fx.locate(token, LAT, LNG).status()).isEqualTo(403);

    String other = fx.user("clearer", NearbyFixtures.ADULT, true, false);
    fx.locate(other, LAT, LNG);
    TestHttp.Response cleared = fx.delete("/api/v1/me/location", other);
    assertThat(cleared.status()).isEqualTo(204);
    assertThat(geopos(other)).isEmpty();
  }

  @Test
  @DisplayName("Nearby visibility is off by default and toggled with PUT /me/nearby-visibility")
  void visibilityOptIn() {
    String token = fx.user("shy", NearbyFixtures.ADULT, false, false);
    assertThat(fx.get("/api/v1/me/nearby-visibility", token).json().getBoolean("visibleNearby")).isFalse();
    assertThat(fx.put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", true), token).status())
      .isEqualTo(200);
    assertThat(fx.get("/api/v1/me/nearby-visibility", token).json().getBoolean("visibleNearby")).isTrue();
    TestHttp.Response bad = fx.put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", "yes"), token);
    assertThat(bad.status()).isEqualTo(400);
  }
}
