package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A gift's requestId is an idempotency key, across concurrent retries and across nodes")
class GiftIdempotencyTest {
  private static final RecordingRealtime realtime = new RecordingRealtime();
  private static final InMemoryRooms rooms = new InMemoryRooms();
  private static final NodeSeams seams = new NodeSeams(rooms, realtime);
  @RegisterExtension
  @Order(1)
  static final LiveNode first = LiveNode.builder().seams(seams).build();
  @RegisterExtension
  @Order(2)
  static final LiveNode second = LiveNode.builder().keepData().seams(seams).build();
  private static long giftId;

  @BeforeAll
  static void gift() {
    giftId = RewardFixtures.gift(first.get(), "Rocket-i", 7);
  }

  private static List<TestHttp.Response> sendConcurrently(List<Node> nodes, int times, JsonObject body, String token,
                                                           long roomId) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(25);
    try {
      List<Future<TestHttp.Response>> calls = new ArrayList<>();
      for (int i = 0; i < times; i++) {
        TestHttp http = new TestHttp(nodes.get(i % nodes.size()).httpPort());
        calls.add(pool.submit(() -> http.post("/api/v1/rooms/" + roomId + "/gifts", body, token)));
      }
      List<TestHttp.Response> out = new ArrayList<>();
      for (Future<TestHttp.Response> f : calls) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("The same requestId 50 times at once on one node charges once, and every response is identical")
  void fiftyRetriesOneNode() throws Exception {
    long host = RewardFixtures.adult("host-i1");
    long viewer = RewardFixtures.adult("viewer-i1");
    rooms.live(601, host, 9101);
    RewardFixtures.credit(first.get(), viewer, 100);
    JsonObject body = new JsonObject().put("giftId", giftId).put("count", 2).put("requestId", "same-key-1");
    List<TestHttp.Response> responses = sendConcurrently(List.of(first.get()), 50, body,
      RewardFixtures.token(first.get(), viewer, Role.USER), 601);

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    Set<String> bodies = responses.stream().map(TestHttp.Response::body).collect(Collectors.toSet());
    assertThat(bodies).hasSize(1);
    assertThat(RewardFixtures.coins(viewer)).isEqualTo(100 - 14);
    assertThat(new JsonObject(bodies.iterator().next()).getLong("balance")).isEqualTo(86L);
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM gift_events WHERE sender_id = " + viewer)).isEqualTo(1L);
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:601").size() == 1)).isTrue();
  }

  @Test
  @DisplayName("The same requestId 50 times at once through two nodes charges once, with identical responses")
  void fiftyRetriesTwoNodes() throws Exception {
    long host = RewardFixtures.adult("host-i2");
    long viewer = RewardFixtures.adult("viewer-i2");
    rooms.live(602, host, 9102);
    RewardFixtures.credit(first.get(), viewer, 50);
    JsonObject body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "same-key-2");
    List<TestHttp.Response> responses = sendConcurrently(List.of(first.get(), second.get()), 50, body,
      RewardFixtures.token(first.get(), viewer, Role.USER), 602);

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    assertThat(responses.stream().map(TestHttp.Response::body).collect(Collectors.toSet())).hasSize(1);
    assertThat(RewardFixtures.coins(viewer)).isEqualTo(43L);
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM gift_events WHERE sender_id = " + viewer)).isEqualTo(1L);
  }

  @Test
  @DisplayName("A replay still answers the original receipt after the balance has run out")
  void replayAfterBalanceGone() {
    long host = RewardFixtures.adult("host-i3");
    long viewer = RewardFixtures.adult("viewer-i3");
    rooms.live(603, host, 9103);
    RewardFixtures.credit(first.get(), viewer, 7);
    TestHttp http = new TestHttp(first.httpPort());
    String token = RewardFixtures.token(first.get(), viewer, Role.USER);
    JsonObject body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "k3");
    TestHttp.Response original = http.post("/api/v1/rooms/603/gifts", body, token);
    TestHttp.Response replay = http.post("/api/v1/rooms/603/gifts", body, token);

    assertThat(original.status()).isEqualTo(200);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(original.body());
    assertThat(RewardFixtures.coins(viewer)).isZero();
  }

  @Test
  @DisplayName("The same requestId with a different gift, count or room is refused with idempotency_key_reused")
  void sameKeyDifferentBody() {
    long host = RewardFixtures.adult("host-i4");
    long viewer = RewardFixtures.adult("viewer-i4");
    rooms.live(604, host, 9104);
    RewardFixtures.credit(first.get(), viewer, 100);
    TestHttp http = new TestHttp(second.httpPort());
    String token = RewardFixtures.token(first.get(), viewer, Role.USER);
    JsonObject body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", "k4");
    assertThat(http.post("/api/v1/rooms/604/gifts", body, token).status()).isEqualTo(200);

    TestHttp.Response other = http.post("/api/v1/rooms/604/gifts", body.copy().put("count", 3), token);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(RewardFixtures.coins(viewer)).isEqualTo(93L);
  }
}
