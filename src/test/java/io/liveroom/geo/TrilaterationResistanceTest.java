package io.liveroom.geo;

import io.liveroom.Node;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

  private static Node node;
  private static NearbyTestServer server;
  private static NearbyFixtures fx;

  @BeforeAll
  static void boot() throws Exception {
    TestInfra.get().reset();
    node = TestNodes.start(json -> json.getJsonObject("nearby").getJsonObject("queryLimit").put("max", QUERY_LIMIT));
    server = new NearbyTestServer(node);
    fx = new NearbyFixtures(node, new TestHttp(server.port()));
  }

  @AfterAll
  static void shutdown() {
    TestNodes.stop(node);
  }

  /** Three vantage points about 1.2 km from the victim (north, east, south-west), three 5 m steps at each. */
  private static List<double[]> walk() {
    double lngM = M / Math.cos(Math.toRadians(LAT));
    double[][] vantage = {{1_200 * M, 0}, {0, 1_200 * lngM}, {-850 * M, -850 * lngM}};
    List<double[]> steps = new ArrayList<>();
    for (double[] v : vantage) {
      for (int k = 0; k < 3; k++) {
        steps.add(new double[] {LAT + v[0] + k * 5 * M, LNG + v[1] + k * 5 * lngM});
      }
    }
    return steps;
  }

  /** Walks the path as the attacker and returns what each query said about the victim. */
  private List<String> observe(String attacker, long victimId) {
    List<String> seen = new ArrayList<>();
    double[] previous = null;
    for (double[] step : walk()) {
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
  @DisplayName("Two victim positions ~500 m apart in one cell give identical answers, and the attacker is rate-limited")
  void cannotNarrowBelowOneCell() {
    LocationGrid grid = new LocationGrid(node.config().nearby().cellMeters());
    GridCell cell = grid.snap(LAT, LNG);
    double latStep = grid.cellMeters() * M;
    double lngStep = latStep / Math.cos(Math.toRadians(cell.lat()));
    double[] p1 = {cell.lat() - 0.35 * latStep, cell.lng() - 0.35 * lngStep};
    double[] p2 = {cell.lat() + 0.35 * latStep, cell.lng() + 0.35 * lngStep};
    assertThat(grid.snap(p1[0], p1[1])).isEqualTo(cell);
    assertThat(grid.snap(p2[0], p2[1])).isEqualTo(cell);
    assertThat(LocationGrid.distanceMeters(p1[0], p1[1], p2[0], p2[1])).isGreaterThan(400);

    String victim = fx.user("victim", NearbyFixtures.ADULT, true, true);
    long victimId = NearbyFixtures.subject(victim);
    NearbyFixtures.assertOk(fx.locate(victim, p1[0], p1[1]));
    String storedAtP1 = RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId));
    String attacker = fx.user("attacker", NearbyFixtures.ADULT, true, false);
    List<String> whenAtP1 = observe(attacker, victimId);

    NearbyFixtures.assertOk(fx.locate(victim, p2[0], p2[1]));
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GEOPOS", GeoStore.CELLS_KEY, Long.toString(victimId)))
      .as("the stored position does not move inside the cell").isEqualTo(storedAtP1);
    String accomplice = fx.user("accomplice", NearbyFixtures.ADULT, true, false);
    List<String> whenAtP2 = observe(accomplice, victimId);

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
