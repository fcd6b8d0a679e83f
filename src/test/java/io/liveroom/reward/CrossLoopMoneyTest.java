package io.liveroom.reward;

import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.http.WebhookSignature;
import io.liveroom.support.ConcurrentRequests;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.support.TestHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
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
 * The money paths under concurrent clients on a node with four event loops: requests arrive on
 * many connections, so on different loops, while the gift batcher, the balance folder and the
 * ledger account cache are shared by all of them. Every request is answered in time, none with a
 * 5xx, and the ledger adds up afterwards.
 */
@DisplayName("Money paths across event loops: every request answered, no 5xx, the ledger exact")
class CrossLoopMoneyTest {
  static final Duration BOUND = Duration.ofSeconds(15);
  private static final String SECRET = "whsec-cross-loop-0123456789";
  private static final InMemoryRooms rooms = new InMemoryRooms();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(RewardFixtures::topupProduct)
    .loops(4)
    .config(json -> {
      json.getJsonObject("rewards").getJsonObject("webhook").put("secret", SECRET);
      json.getJsonObject("rewards").getJsonObject("withdrawal").put("minBeans", 1);
    })
    .seams(new NodeSeams(rooms, new RecordingRealtime()))
    .build();
  private static String adminToken;

  @BeforeAll
  static void boot() throws Exception {
    adminToken = RewardFixtures.token(node.get(), RewardFixtures.admin(), Role.ADMIN);
  }

  private static void ledgerCheckPasses() {
    TestHttp.Response check = new TestHttp(node.httpPort()).get("/api/v1/admin/ledger/check", adminToken);
    assertThat(check.status()).as(check.toString()).isEqualTo(200);
    assertThat(check.json().getBoolean("ok")).as(check.body()).isTrue();
  }

  private static long count(List<HttpResponse<String>> responses, int status, String code) {
    return responses.stream().filter(r -> r.statusCode() == status)
      .filter(r -> code == null || code.equals(new JsonObject(r.body()).getString("code"))).count();
  }

  @Test
  @DisplayName("200 concurrent HTTP gifts from a wallet funded for 10: exactly 10 succeed, 190 insufficient_balance, balance 0")
  void httpGifts() {
    long host = RewardFixtures.adult("xl-host");
    long viewer = RewardFixtures.adult("xl-viewer");
    rooms.live(701, host, 9701);
    long giftId = RewardFixtures.gift(node.get(), "Comet-xl", 10);
    RewardFixtures.credit(node.get(), viewer, 100);
    String token = RewardFixtures.token(node.get(), viewer, Role.USER);

    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "xl-" + i).encode();
      requests.add(ConcurrentRequests.post(node.httpPort(), "/api/v1/rooms/701/gifts", body, token, BOUND));
    }
    List<HttpResponse<String>> responses = ConcurrentRequests.fire(requests);

    assertThat(ConcurrentRequests.byStatus(responses)).containsOnlyKeys(200, 409);
    assertThat(count(responses, 200, null)).isEqualTo(10L);
    assertThat(count(responses, 409, "insufficient_balance")).isEqualTo(190L);
    assertThat(RewardFixtures.coins(viewer)).isZero();
    assertThat(RewardFixtures.beansIncludingPending(host)).isEqualTo(10 * 5L);
    ledgerCheckPasses();
  }

  @Test
  @DisplayName("40 concurrent withdrawals of 5 beans against 50 earned: exactly 10 accepted, no overdraft, 0 beans left")
  void withdrawals() {
    long host = RewardFixtures.adult("xl-earner");
    long viewer = RewardFixtures.adult("xl-patron");
    rooms.live(702, host, 9702);
    long giftId = RewardFixtures.gift(node.get(), "Crown-xl", 100);
    RewardFixtures.credit(node.get(), viewer, 100);
    TestHttp.Response gift = new TestHttp(node.httpPort()).post("/api/v1/rooms/702/gifts", new JsonObject()
      .put("giftId", giftId).put("count", 1).put("requestId", "xl-earn"), RewardFixtures.token(node.get(), viewer, Role.USER));
    assertThat(gift.status()).as(gift.toString()).isEqualTo(200);
    String token = RewardFixtures.token(node.get(), host, Role.USER);

    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String body = new JsonObject().put("beans", 5).put("requestId", "xl-w-" + i).encode();
      requests.add(ConcurrentRequests.post(node.httpPort(), "/api/v1/me/withdrawals", body, token, BOUND));
    }
    List<HttpResponse<String>> responses = ConcurrentRequests.fire(requests);

    assertThat(ConcurrentRequests.byStatus(responses)).containsOnlyKeys(201, 409);
    assertThat(count(responses, 201, null)).isEqualTo(10L);
    assertThat(count(responses, 409, "insufficient_balance")).isEqualTo(30L);
    assertThat(RewardFixtures.beansIncludingPending(host)).isZero();
    assertThat(RewardFixtures.longQuery("SELECT COALESCE(sum(beans), 0) FROM withdrawals WHERE host_id = " + host))
      .isEqualTo(50L);
    ledgerCheckPasses();
  }

  @Test
  @DisplayName("Concurrent webhook deliveries, each event 10 times at once: every event credits exactly once")
  void webhookDuplicates() {
    long payer = RewardFixtures.adult("xl-payer");
    List<HttpRequest> requests = new ArrayList<>();
    long ts = System.currentTimeMillis() / 1000;
    for (int event = 0; event < 5; event++) {
      String body = new JsonObject().put("id", "evt_xl_" + event).put("type", "payment.succeeded")
        .put("data", new JsonObject().put("userId", payer).put("productId", "coins_60")).encode();
      Map<String, String> headers = Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts),
        WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(SECRET, ts, Buffer.buffer(body)));
      for (int copy = 0; copy < 10; copy++) {
        requests.add(ConcurrentRequests.post(node.httpPort(), "/api/v1/payments/webhook", body, headers, BOUND));
      }
    }
    List<HttpResponse<String>> responses = ConcurrentRequests.fire(requests);

    assertThat(ConcurrentRequests.byStatus(responses)).containsOnlyKeys(200);
    Map<String, Long> outcomes = new java.util.HashMap<>();
    responses.forEach(r -> outcomes.merge(new JsonObject(r.body()).getString("status"), 1L, Long::sum));
    assertThat(outcomes).isEqualTo(Map.of("credited", 5L, "duplicate", 45L));
    assertThat(RewardFixtures.coins(payer)).isEqualTo(5 * 60L);
    ledgerCheckPasses();
  }
}
