package io.liveroom.privacy;

import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.ConcurrentRequests;
import io.liveroom.support.LiveNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data exports under concurrent clients on a node with four event loops: each export is generated
 * in the background on the loop that accepted it, while many run at once against the shared pool.
 * Every request is answered, none with a 5xx, the daily cap holds, and every accepted export is
 * built. (Parallel requests of one user racing the cap are a separate item: the cap's check and
 * insert are not yet atomic, so each wave here has one request per user.)
 */
@DisplayName("Exports across event loops: every request answered, the daily cap holds, every export built")
class CrossLoopExportTest {
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static final int USERS = 20;
  private static final int MAX_PER_DAY = 2;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .loops(4)
    .config(json -> {
      json.getJsonObject("privacy").getJsonObject("exports").put("maxPerDay", MAX_PER_DAY);
    })
    .build();

  /** One export request per user, all at once, each on its own connection. */
  private static List<HttpResponse<String>> wave(List<String> tokens) {
    List<HttpRequest> requests = new ArrayList<>();
    tokens.forEach(t -> requests.add(ConcurrentRequests.post(node.httpPort(), "/api/v1/me/exports", "{}", t, BOUND)));
    return ConcurrentRequests.fire(requests);
  }

  @Test
  @DisplayName("20 users request exports at once, wave after wave: 2 waves accepted, the 3rd refused, 40 exports ready")
  void exportsUnderTheCap() {
    List<String> tokens = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      long id = RewardFixtures.adult("xl-export-" + u);
      tokens.add(node.get().accessTokens().issue(id, Role.USER, "xl-export-" + id));
    }

    for (int accepted = 0; accepted < MAX_PER_DAY; accepted++) {
      assertThat(ConcurrentRequests.byStatus(wave(tokens))).isEqualTo(Map.of(202, (long) USERS));
    }
    List<HttpResponse<String>> refused = wave(tokens);

    assertThat(ConcurrentRequests.byStatus(refused)).isEqualTo(Map.of(429, (long) USERS));
    assertThat(refused).allSatisfy(r ->
      assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("export_limit_reached"));
    assertThat(RewardFixtures.eventually(() -> RewardFixtures.longQuery(
      "SELECT count(*) FROM data_exports WHERE status = 'ready'") == (long) USERS * MAX_PER_DAY))
      .as("every accepted export built").isTrue();
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM data_exports")).isEqualTo((long) USERS * MAX_PER_DAY);
  }
}
