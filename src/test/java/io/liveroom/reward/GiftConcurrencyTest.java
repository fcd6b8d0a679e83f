package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.liveroom.reward.RewardFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sending gifts concurrently never double-spends a wallet")
class GiftConcurrencyTest {
  private static final RecordingRealtime realtime = new RecordingRealtime();
  private static final InMemoryRooms rooms = new InMemoryRooms();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().seams(new NodeSeams(rooms, realtime)).build();

  @Test
  @DisplayName("1,000 concurrent gifts of 10 coins against 100 coins: exactly 10 succeed, the rest are insufficient_balance")
  void thousandConcurrentGifts() throws Exception {
    long host = RewardFixtures.adult("host-c");
    long viewer = RewardFixtures.adult("viewer-c");
    rooms.live(501, host, 9001);
    long giftId = RewardFixtures.gift(node.get(), "Heart-c", 10);
    RewardFixtures.credit(node.get(), viewer, 100);
    Map<String, Long> before = RewardFixtures.balancesWithPending();
    String token = RewardFixtures.token(node.get(), viewer, Role.USER);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "c-" + i).encode();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/rooms/501/gifts"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
      calls.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
    Map<Integer, Long> byStatus = calls.stream().map(CompletableFuture::join)
      .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    long insufficient = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409)
      .filter(r -> new JsonObject(r.body()).getString("code").equals("insufficient_balance")).count();

    assertThat(byStatus).containsOnlyKeys(200, 409);
    assertThat(byStatus.get(200)).isEqualTo(10L);
    assertThat(insufficient).isEqualTo(990L);
    assertThat(RewardFixtures.coins(viewer)).isZero();
    assertThat(RewardFixtures.balancesWithPending()).isEqualTo(before).isEqualTo(Map.of("coin", 0L, "bean", 0L));
    assertThat(RewardFixtures.totals()).containsEntry("coin", 0L).containsEntry("bean", 0L);
    assertThat(RewardFixtures.beansIncludingPending(host)).isEqualTo(10 * 5L);
    JsonObject check = await(node.get().rewards().reconciliation().check());
    assertThat(check.getBoolean("ok")).as(check.encodePrettily()).isTrue();
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:501").size() == 10)).isTrue();
  }

  @Test
  @DisplayName("The balance folder brings host balances in step with their entries, and the check passes throughout")
  void folderCatchesUp() {
    long host = RewardFixtures.adult("host-f");
    long viewer = RewardFixtures.adult("viewer-f");
    rooms.live(502, host, 9002);
    long giftId = RewardFixtures.gift(node.get(), "Rose-f", 3);
    RewardFixtures.credit(node.get(), viewer, 30);
    TestHttp http = new TestHttp(node.httpPort());
    String token = RewardFixtures.token(node.get(), viewer, Role.USER);
    for (int i = 0; i < 10; i++) {
      TestHttp.Response r = http.post("/api/v1/rooms/502/gifts",
        new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "f-" + i), token);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(RewardFixtures.eventually(() -> RewardFixtures.longQuery(
      "SELECT balance FROM ledger_accounts WHERE kind = 'host_beans' AND owner_id = " + host) == 10L)).isTrue();
    assertThat(await(node.get().rewards().reconciliation().check()).getBoolean("ok")).isTrue();
  }
}
