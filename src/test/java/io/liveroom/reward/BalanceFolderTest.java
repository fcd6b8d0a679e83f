package io.liveroom.reward;

import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The balance folder slows down while idle and is back at its interval when a gift commits")
class BalanceFolderTest {
  private static final int INTERVAL_MS = 20;
  /** Far longer than the test's bounds, so that only a wake-up can explain a prompt fold. */
  private static final int IDLE_INTERVAL_MS = 60_000;
  private static final InMemoryRooms rooms = new InMemoryRooms();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rewards").getJsonObject("fold")
      .put("intervalMs", INTERVAL_MS).put("idleIntervalMs", IDLE_INTERVAL_MS))
    .seams(new NodeSeams(rooms, new RecordingRealtime()))
    .build();

  @Test
  @DisplayName("Each empty fold doubles the wait, up to the idle interval; a fold with work goes back to the interval")
  void backoff() {
    assertThat(BalanceFolder.nextDelay(false, 20, 20, 1_000)).isEqualTo(40);
    assertThat(BalanceFolder.nextDelay(false, 640, 20, 1_000)).isEqualTo(1_000);
    assertThat(BalanceFolder.nextDelay(false, 1_000, 20, 1_000)).isEqualTo(1_000);
    assertThat(BalanceFolder.nextDelay(true, 1_000, 20, 1_000)).isEqualTo(20);
    assertThat(BalanceFolder.nextDelay(false, Integer.MAX_VALUE, 20, 600_000)).isEqualTo(600_000);
  }

  @Test
  @DisplayName("An idle node's folder waits seconds between folds, yet a gift's beans are folded within a second")
  void giftWakesIdleFolder() {
    BalanceFolder folder = node.get().rewards().folder();
    long host = RewardFixtures.adult("host-w");
    long viewer = RewardFixtures.adult("viewer-w");
    rooms.live(601, host, 9601);
    long giftId = RewardFixtures.gift(node.get(), "Rose-w", 4);
    RewardFixtures.credit(node.get(), viewer, 4);
    String token = RewardFixtures.token(node.get(), viewer, Role.USER);
    // 20 + 40 + ... + 1,280 ms of empty folds after the set-up's: the timer just set waits 2,560 ms.
    assertThat(RewardFixtures.eventually(() -> folder.nextDelayMillis() >= 2_560)).isTrue();

    TestHttp.Response r = new TestHttp(node.httpPort()).post("/api/v1/rooms/601/gifts",
      new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "w-1"), token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);

    long committed = System.nanoTime();
    String hostBalance = "SELECT balance FROM ledger_accounts WHERE kind = 'host_beans' AND owner_id = " + host;
    assertThat(RewardFixtures.eventually(() -> RewardFixtures.longQuery(hostBalance) == 2L)).isTrue();
    assertThat((System.nanoTime() - committed) / 1_000_000).as("ms from commit to fold").isLessThan(1_000);
  }
}
