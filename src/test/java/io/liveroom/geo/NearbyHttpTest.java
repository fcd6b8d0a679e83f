package io.liveroom.geo;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /api/v1/nearby/users lists consenting, visible, unblocked adults, with distances only as buckets")
class NearbyHttpTest {
  private static final double LAT = 31.2304;
  private static final double LNG = 121.4737;
  /** Metres north as degrees of latitude. */
  private static final double M = 1 / LocationGrid.METERS_PER_DEGREE;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("nearby").getJsonObject("queryLimit").put("max", 8))
    .resetEachTest()
    .build();
  private static NearbyFixtures fx;

  @BeforeAll
  static void boot() {
    fx = new NearbyFixtures(node.get(), new TestHttp(node.httpPort()));
  }

  private String sharing(String nickname, LocalDate birth, boolean visible, double metresNorth) {
    String token = fx.user(nickname, birth, true, visible);
    NearbyFixtures.assertOk(fx.locate(token, LAT + metresNorth * M, LNG));
    return token;
  }

  @Test
  @DisplayName("Without location consent Nearby is 403 consent_required; with consent but no location it is 409")
  void consentThenLocationRequired() {
    String token = fx.user("lurker", NearbyFixtures.ADULT, false, false);
    for (String path : new String[] {"/api/v1/nearby/users", "/api/v1/nearby/rooms", "/api/v1/me/region"}) {
      TestHttp.Response r = fx.get(path, token);
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.json().getString("code")).isEqualTo("consent_required");
      assertThat(r.json().getString("purpose")).isEqualTo("location");
    }
    fx.consent(token, "location", true);
    TestHttp.Response noLocation = fx.get("/api/v1/nearby/users", token);
    assertThat(noLocation.status()).isEqualTo(409);
    assertThat(noLocation.json().getString("code")).isEqualTo("location_required");
  }

  @Test
  @DisplayName("Results carry id, nickname, avatar and a distance bucket: never metres or coordinates")
  void onlyBuckets() {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    long near = NearbyFixtures.subject(sharing("near", NearbyFixtures.ADULT, true, 300));
    long two = NearbyFixtures.subject(sharing("two-km", NearbyFixtures.ADULT, true, 2_000));
    long four = NearbyFixtures.subject(sharing("four-km", NearbyFixtures.ADULT, true, 4_000));
    long seven = NearbyFixtures.subject(sharing("seven-km", NearbyFixtures.ADULT, true, 7_000));
    sharing("far", NearbyFixtures.ADULT, true, 15_000);

    TestHttp.Response r = fx.get("/api/v1/nearby/users", viewer);
    assertThat(r.status()).isEqualTo(200);
    assertThat(NearbyFixtures.userIds(r)).containsExactly(near, two, four, seven);
    JsonObject first = r.json().getJsonArray("users").getJsonObject(0);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("userId", "nickname", "avatarUrl", "distance");
    assertThat(r.json().getJsonArray("users").stream().map(u -> ((JsonObject) u).getString("distance")))
      .containsExactly("<1 km", "1–3 km", "3–5 km", "5–10 km");
    assertThat(r.body()).doesNotContain("lat").doesNotContain("lng").doesNotContain("31.2").doesNotContain("121.4");
  }

  @Test
  @DisplayName("Users who did not opt in to visibility, minors, unknown ages and blocked users never appear")
  void filtered() {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    long visible = NearbyFixtures.subject(sharing("visible", NearbyFixtures.ADULT, true, 100));
    sharing("invisible", NearbyFixtures.ADULT, false, 100);
    // A minor is in youth mode, which shares no location at all.
    String minor = fx.user("minor", LocalDate.now().minusYears(15), true, true);
    assertThat(fx.locate(minor, LAT + 100 * M, LNG).json().getString("code")).isEqualTo("youth_mode_restricted");
    sharing("unknown-age", null, true, 100);
    long blocker = NearbyFixtures.subject(sharing("blocks-viewer", NearbyFixtures.ADULT, true, 100));
    long blockedByViewer = NearbyFixtures.subject(sharing("blocked", NearbyFixtures.ADULT, true, 100));
    NearbyFixtures.block(blocker, NearbyFixtures.subject(viewer));
    NearbyFixtures.block(NearbyFixtures.subject(viewer), blockedByViewer);

    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).containsExactly(visible);
  }

  @Test
  @DisplayName("Revoking consent removes the user from others' results within 1 s, and their GEO entry is gone")
  void revokeVanishes() throws InterruptedException {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    String victim = sharing("victim", NearbyFixtures.ADULT, true, 200);
    long victimId = NearbyFixtures.subject(victim);
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).containsExactly(victimId);

    long revokedAt = System.nanoTime();
    assertThat(fx.consent(victim, "location", false).status()).isEqualTo(200);
    long left = 1_000 - (System.nanoTime() - revokedAt) / 1_000_000;
    boolean gone = Await.within(left, 20, () -> !NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer)).contains(victimId)
      && RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId)).isEmpty());
    assertThat(gone).as("gone from results and GEO within 1 s").isTrue();
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "ZSCORE", GeoStore.SEEN_KEY, Long.toString(victimId))).isNull();
  }

  @Test
  @DisplayName("Consent is checked in PostgreSQL at query time: a withdrawal whose Redis clean-up never ran still hides the user")
  void consentCheckedAtQueryTime() throws Exception {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    long victimId = NearbyFixtures.subject(sharing("victim", NearbyFixtures.ADULT, true, 200));
    try (var c = TestInfra.get().jdbc(); var st = c.prepareStatement(
      "INSERT INTO consent_records (user_id, purpose, granted, policy_version, source) VALUES (?, 'location', false, 'x', 'api')")) {
      st.setLong(1, victimId);
      st.executeUpdate();
    }
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId)))
      .as("still in Redis").isNotEmpty();
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).isEmpty();
  }

  @Test
  @DisplayName("Turning visibility off hides the user from others at once while they keep using Nearby")
  void visibilityOff() {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, true, 0);
    String other = sharing("other", NearbyFixtures.ADULT, true, 200);
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).hasSize(1);
    fx.put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", false), other);
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).isEmpty();
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", other))).containsExactly(NearbyFixtures.subject(viewer));
  }

  @Test
  @DisplayName("Queries are rate-limited per user: beyond the limit 429 with Retry-After")
  void queriesRateLimited() {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    for (int i = 0; i < 8; i++) {
      assertThat(fx.get("/api/v1/nearby/users", viewer).status()).isEqualTo(200);
    }
    TestHttp.Response limited = fx.get("/api/v1/nearby/users", viewer);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotNull();
    assertThat(Set.of(fx.get("/api/v1/nearby/users", viewer).status())).containsOnly(429);
  }

  @Test
  @DisplayName("A live room tagged from its host's location shows in Nearby rooms and its region's hot list, until consent goes")
  void liveRoomsByRegion() {
    String host = sharing("region-host", NearbyFixtures.ADULT, false, 0);
    long hostId = NearbyFixtures.subject(host);
    NearbyFixtures.markVerified(hostId);
    TestHttp.Response created = fx.post("/api/v1/rooms", new JsonObject().put("title", "regional room")
      .put("category", "chat"), host);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    assertThat(fx.post("/api/v1/rooms/" + roomId + "/start", new JsonObject(), host).status()).isEqualTo(200);
    TestHttp.Response tagged = fx.put("/api/v1/me/live-room/region", new JsonObject(), host);
    assertThat(tagged.status()).as("%s", tagged).isEqualTo(200);
    String region = tagged.json().getString("region");
    assertThat(region).hasSize(4);

    String viewer = sharing("region-viewer", NearbyFixtures.ADULT, false, 300);
    TestHttp.Response nearbyRooms = fx.get("/api/v1/nearby/rooms", viewer);
    assertThat(nearbyRooms.status()).as("%s", nearbyRooms).isEqualTo(200);
    assertThat(nearbyRooms.body()).contains("regional room").doesNotContain("\"lat\"", "\"lng\"");
    assertThat(fx.get("/api/v1/regions/" + region + "/hot", viewer).body()).contains("regional room");

    fx.consent(host, "location", false);
    assertThat(fx.get("/api/v1/regions/" + region + "/hot", viewer).body())
      .as("a location-derived region goes with the consent").doesNotContain("regional room");
  }
}
