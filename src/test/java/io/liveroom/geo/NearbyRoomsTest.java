package io.liveroom.geo;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Nearby rooms, the regional hot list and location expiry, over the live-rooms seam")
class NearbyRoomsTest {
  private static final double LAT = 31.2304;
  private static final double LNG = 121.4737;
  private static final double M = 1 / LocationGrid.METERS_PER_DEGREE;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private static NearbyTestServer server;
  private static NearbyFixtures fx;

  @BeforeAll
  static void boot() throws Exception {
    server = new NearbyTestServer(node.get());
    fx = new NearbyFixtures(node.get(), new TestHttp(server.port()));
  }

  @BeforeEach
  void clean() {
    server.rooms.clear();
  }

  private String sharing(String nickname, LocalDate birth, boolean visible, double metresNorth) {
    String token = fx.user(nickname, birth, true, visible);
    NearbyFixtures.assertOk(fx.locate(token, LAT + metresNorth * M, LNG));
    return token;
  }

  private static JsonArray rooms(TestHttp.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rooms");
  }

  @Test
  @DisplayName("Nearby rooms lists live rooms of consenting hosts with a bucket; minors' and blocked hosts' rooms never")
  void nearbyRooms() {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    long host = NearbyFixtures.subject(sharing("host", NearbyFixtures.ADULT, false, 2_000));
    long minorHost = NearbyFixtures.subject(sharing("minor-host", LocalDate.now().minusYears(16), true, 100));
    long blockedHost = NearbyFixtures.subject(sharing("blocked-host", NearbyFixtures.ADULT, true, 100));
    sharing("visible-but-not-live", NearbyFixtures.ADULT, true, 100);
    String leaver = sharing("leaver", NearbyFixtures.ADULT, true, 100);
    NearbyFixtures.block(NearbyFixtures.subject(viewer), blockedHost);
    server.rooms.goLive("r-host", host, "Evening music", 10);
    server.rooms.goLive("r-minor", minorHost, "Homework", 99);
    server.rooms.goLive("r-blocked", blockedHost, "Blocked", 99);
    server.rooms.goLive("r-leaver", NearbyFixtures.subject(leaver), "Leaver", 99);
    fx.consent(leaver, "location", false);

    JsonArray found = rooms(fx.get("/api/v1/nearby/rooms", viewer));
    assertThat(found).hasSize(1);
    JsonObject room = found.getJsonObject(0);
    assertThat(room.getString("roomId")).isEqualTo("r-host");
    assertThat(room.getString("distance")).isEqualTo("1–3 km");
    assertThat(room.fieldNames()).containsExactlyInAnyOrder("roomId", "hostId", "title", "region", "distance");
  }

  @Test
  @DisplayName("A named region's hot list needs no location consent; 'my region' does, and matches my location")
  void regionalHotList() {
    String host = sharing("host", NearbyFixtures.ADULT, false, 0);
    String region = fx.get("/api/v1/me/region", host).json().getString("region");
    assertThat(region).hasSize(4);
    long hostId = NearbyFixtures.subject(host);
    server.rooms.goLive("r-hot", hostId, "Hot", 50);
    server.rooms.goLive("r-hotter", NearbyFixtures.createUser("other", NearbyFixtures.ADULT), "Hotter", 80, region);
    server.rooms.goLive("r-elsewhere", NearbyFixtures.createUser("far", NearbyFixtures.ADULT), "Far", 99, "wx4g");
    TestHttp.Response tagged = fx.put("/api/v1/me/live-room/region", new JsonObject(), host);
    assertThat(tagged.status()).as(tagged.toString()).isEqualTo(200);
    assertThat(tagged.json().getString("region")).isEqualTo(region);

    String browser = fx.user("browser", NearbyFixtures.ADULT, false, false);
    JsonArray hot = rooms(fx.get("/api/v1/regions/" + region + "/hot", browser));
    assertThat(hot.stream().map(r -> ((JsonObject) r).getString("roomId"))).containsExactly("r-hotter", "r-hot");
    TestHttp.Response mine = fx.get("/api/v1/regions/mine/hot", browser);
    assertThat(mine.status()).isEqualTo(403);
    assertThat(mine.json().getString("purpose")).isEqualTo("location");
    assertThat(rooms(fx.get("/api/v1/regions/mine/hot?limit=1", host))).hasSize(1);
    assertThat(fx.get("/api/v1/regions/Tokyo/hot", browser).status()).isEqualTo(400);
    assertThat(fx.get("/api/v1/regions/" + region + "/hot?limit=0", browser).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("A new room's derived region is the host's region with consent and location, and none otherwise")
  void derivedRegionForNewRooms() throws Exception {
    String host = sharing("host", NearbyFixtures.ADULT, false, 0);
    String region = fx.get("/api/v1/me/region", host).json().getString("region");
    RegionService regions = server.nearby.regions();
    assertThat(regions.derivedRegionFor(NearbyFixtures.subject(host)).toCompletionStage().toCompletableFuture().get())
      .contains(region);
    String noLocation = fx.user("no-location", NearbyFixtures.ADULT, true, false);
    String noConsent = fx.user("no-consent", NearbyFixtures.ADULT, false, false);
    for (String token : new String[] {noLocation, noConsent}) {
      assertThat(regions.derivedRegionFor(NearbyFixtures.subject(token)).toCompletionStage().toCompletableFuture().get())
        .isEmpty();
    }
  }

  @Test
  @DisplayName("Withdrawing location consent clears a room region derived from it, but not one the host chose")
  void withdrawalClearsDerivedRegion() {
    String derived = sharing("derived", NearbyFixtures.ADULT, false, 0);
    String chosen = sharing("chosen", NearbyFixtures.ADULT, false, 50);
    server.rooms.goLive("r-derived", NearbyFixtures.subject(derived), "Derived", 1);
    server.rooms.goLive("r-chosen", NearbyFixtures.subject(chosen), "Chosen", 1);
    NearbyFixtures.assertOk(fx.put("/api/v1/me/live-room/region", new JsonObject(), derived));
    NearbyFixtures.assertOk(fx.put("/api/v1/me/live-room/region", new JsonObject().put("region", "wtw3"), chosen));
    fx.consent(derived, "location", false);
    fx.consent(chosen, "location", false);
    assertThat(server.rooms.room("r-derived").orElseThrow().region()).isNull();
    assertThat(server.rooms.room("r-chosen").orElseThrow().region()).isEqualTo("wtw3");
    TestHttp.Response noRoom = fx.put("/api/v1/me/live-room/region", new JsonObject().put("region", "wtw3"),
      fx.user("no-room", NearbyFixtures.ADULT, false, false));
    assertThat(noRoom.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A location expires after the TTL: invisible to others, 409 for its owner, pruned from Redis")
  void locationExpires() throws Exception {
    String viewer = sharing("viewer", NearbyFixtures.ADULT, false, 0);
    String other = sharing("other", NearbyFixtures.ADULT, true, 300);
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).hasSize(1);
    server.clock.advance(Duration.ofMinutes(59));
    NearbyFixtures.assertOk(fx.locate(viewer, LAT, LNG));
    server.clock.advance(Duration.ofMinutes(2));
    assertThat(NearbyFixtures.userIds(fx.get("/api/v1/nearby/users", viewer))).isEmpty();
    assertThat(fx.get("/api/v1/nearby/users", other).status()).isEqualTo(409);
    int pruned = server.nearby.store().prune().toCompletionStage().toCompletableFuture().get();
    assertThat(pruned).isEqualTo(1);
    assertThat(io.liveroom.support.RedisProbe.command(TestInfra.get().redisUrl(), "ZCARD", GeoStore.CELLS_KEY))
      .isEqualTo("1");
  }
}
