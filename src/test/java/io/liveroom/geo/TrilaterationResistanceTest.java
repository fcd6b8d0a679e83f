package io.liveroom.geo;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic attack on "people nearby": move around a victim in small steps, query from several
 * vantage points, and intersect the distance rings. Here every answer is a function of the two
 * grid cells only, so two victim positions inside one cell give an attacker identical answers for
 * an identical walk, and the walk itself is cut short by the query limit.
 */
@DisplayName("Trilateration: an attacker walking in metre steps around a victim cannot place them within their cell")
class TrilaterationResistanceTest {
  private static final double LAT = 31.2304;
  private static final double LNG = 121.4737;
  private static final double M = 1 / LocationGrid.METERS_PER_DEGREE;
  private static final int QUERY_LIMIT = 10;
  private static final Set<String> BUCKETS = Set.of("<1 km", "1–3 km", "3–5 km", "5–10 km");

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("nearby").getJsonObject("queryLimit").put("max", QUERY_LIMIT))
    .build();
  private static NearbyTestServer server;
  private static NearbyFixtures fx;

  @BeforeAll
  static void boot() throws Exception {
    server = new NearbyTestServer(node.get());
    fx = new NearbyFixtures(node.get(), new TestHttp(server.port()));
  }

  /**
   * Three vantage points chosen to be as sharp as possible against the two victim positions: on
   * the line through them, 800 m beyond P1 (so P1 would be "<1 km" and P2 "1–3 km" if exact
   * distances were used) and 2.8 km beyond P2 (P2 "1–3 km", P1 "3–5 km"), plus one off to the side.
   * Three 5 m steps at each.
   */
  private static List<double[]> walk(double[] p1, double[] p2) {
    double cos = Math.cos(Math.toRadians(p1[0]));
    double north = (p1[0] - p2[0]) / M;
    double east = (p1[1] - p2[1]) / M * cos;
    double len = Math.hypot(north, east);
    double[] u = {north / len, east / len};
    double[][] vantage = {
      offset(p1, 800 * u[0], 800 * u[1]),
      offset(p2, -2_800 * u[0], -2_800 * u[1]),
      offset(p1, 4_000 * u[1], -4_000 * u[0])};
    List<double[]> steps = new ArrayList<>();
    for (double[] v : vantage) {
      for (int k = 0; k < 3; k++) {
        steps.add(offset(v, k * 5 * u[0], k * 5 * u[1]));
      }
    }
    return steps;
  }

  private static double[] offset(double[] from, double metresNorth, double metresEast) {
    return new double[] {from[0] + metresNorth * M, from[1] + metresEast * M / Math.cos(Math.toRadians(from[0]))};
  }

  /** What the walk would reveal if Nearby measured exact positions instead of cell centres. */
  private static List<String> exactBuckets(List<double[]> walk, double[] victim) {
    return walk.stream().map(s -> DistanceBucket.of(LocationGrid.distanceMeters(s[0], s[1], victim[0], victim[1]))
      .map(DistanceBucket::label).orElse("absent")).toList();
  }

  /** Walks the path as the attacker and returns what each query said about the victim. */
  private List<String> observe(List<double[]> walk, String attacker, long victimId) {
    List<String> seen = new ArrayList<>();
    double[] previous = null;
    for (double[] step : walk) {
      if (previous != null && LocationGrid.distanceMeters(previous[0], previous[1], step[0], step[1]) > 100) {
        server.clock.advance(Duration.ofMinutes(10)); // a plausible drive to the next vantage point
      }
      previous = step;
      NearbyFixtures.assertOk(fx.locate(attacker, step[0], step[1]));
      TestHttp.Response r = fx.get("/api/v1/nearby/users", attacker);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonArray users = r.json().getJsonArray("users");
      String distance = "absent";
      for (int i = 0; i < users.size(); i++) {
        JsonObject u = users.getJsonObject(i);
        assertThat(u.fieldNames()).containsExactlyInAnyOrder("userId", "nickname", "avatarUrl", "distance");
        if (u.getLong("userId") == victimId) {
          distance = u.getString("distance");
        }
      }
      seen.add(distance);
    }
    return seen;
  }

  @Test
  @DisplayName("Two victim positions ~500 m apart in one cell, which exact distances would tell apart, give identical answers; the attacker is rate-limited")
  void cannotNarrowBelowOneCell() {
    LocationGrid grid = new LocationGrid(node.get().config().nearby().cellMeters());
    GridCell cell = grid.snap(LAT, LNG);
    double latStep = grid.cellMeters() * M;
    double lngStep = latStep / Math.cos(Math.toRadians(cell.lat()));
    double[] p1 = {cell.lat() - 0.35 * latStep, cell.lng() - 0.35 * lngStep};
    double[] p2 = {cell.lat() + 0.35 * latStep, cell.lng() + 0.35 * lngStep};
    assertThat(grid.snap(p1[0], p1[1])).isEqualTo(cell);
    assertThat(grid.snap(p2[0], p2[1])).isEqualTo(cell);
    assertThat(LocationGrid.distanceMeters(p1[0], p1[1], p2[0], p2[1])).isGreaterThan(400);
    List<double[]> walk = walk(p1, p2);
    assertThat(exactBuckets(walk, p1)).as("the walk would tell P1 from P2 were positions exact")
      .isNotEqualTo(exactBuckets(walk, p2));

    String victim = fx.user("victim", NearbyFixtures.ADULT, true, true);
    long victimId = NearbyFixtures.subject(victim);
    NearbyFixtures.assertOk(fx.locate(victim, p1[0], p1[1]));
    String storedAtP1 = RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId));
    String attacker = fx.user("attacker", NearbyFixtures.ADULT, true, false);
    List<String> whenAtP1 = observe(walk, attacker, victimId);

    NearbyFixtures.assertOk(fx.locate(victim, p2[0], p2[1]));
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId)))
      .as("the stored position does not move inside the cell").isEqualTo(storedAtP1);
    String accomplice = fx.user("accomplice", NearbyFixtures.ADULT, true, false);
    List<String> whenAtP2 = observe(walk, accomplice, victimId);

    assertThat(whenAtP1).hasSize(9).allMatch(BUCKETS::contains);
    assertThat(whenAtP2).isEqualTo(whenAtP1);

    int allowed = 0;
    TestHttp.Response r;
    do {
      r = fx.get("/api/v1/nearby/users", attacker);
      allowed++;
    } while (r.status() == 200 && allowed <= QUERY_LIMIT);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("code")).isEqualTo("rate_limited");
    assertThat(r.header("Retry-After")).isNotNull();
    assertThat(allowed - 1 + whenAtP1.size()).as("queries answered before the limit").isEqualTo(QUERY_LIMIT);
  }
}
