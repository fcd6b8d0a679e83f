package io.liveroom.room;

import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.liveroom.room.RoomFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket write paths under concurrent clients on a node with four event loops: 20 sockets
 * (so on every loop) each send 10 commands at once, without waiting for replies. Every command is
 * answered within the socket client's bound (10 s each), and what they wrote adds up exactly.
 */
@DisplayName("Socket write paths across event loops: gift.send, likes and chat, all answered, counts exact")
class CrossLoopRoomTest {
  private static final int SOCKETS = 20;
  private static final int PER_SOCKET = 10;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .loops(4)
    .config(json -> {
      json.getJsonObject("realtime").put("maxConnectionsPerUser", 64);
      json.getJsonObject("rooms").getJsonObject("chat").getJsonObject("rateLimit").put("messages", 1_000);
      json.getJsonObject("rooms").put("publishBudgetPerSecond", 10_000);
    })
    .build();
  private LiveRoomClients app;

  @BeforeEach
  void clients() {
    app = new LiveRoomClients(node.get());
  }

  @AfterEach
  void closeClients() {
    app.close();
  }

  /** {@code SOCKETS} sockets of the user in the room, each sending {@code PER_SOCKET} commands at once. */
  private List<JsonObject> burst(TestUser user, long room, Function<Integer, JsonObject> command) {
    List<TestSocket> sockets = new ArrayList<>();
    for (int s = 0; s < SOCKETS; s++) {
      sockets.add(app.watch(user, room));
    }
    List<int[]> sent = new ArrayList<>();
    for (int i = 0; i < PER_SOCKET; i++) {
      for (int s = 0; s < SOCKETS; s++) {
        JsonObject c = command.apply(i * SOCKETS + s);
        String method = c.fieldNames().iterator().next();
        sent.add(new int[] {s, sockets.get(s).send(method, c.getJsonObject(method))});
      }
    }
    List<JsonObject> replies = new ArrayList<>();
    for (int[] s : sent) {
      replies.add(sockets.get(s[0]).awaitReply(s[1]));
    }
    return replies;
  }

  private static JsonObject rpc(String method, JsonObject data) {
    return new JsonObject().put("rpc", new JsonObject().put("method", method).put("data", data));
  }

  @Test
  @DisplayName("200 concurrent gift.send RPCs from a wallet funded for 10: exactly 10 ok, 190 insufficient, balance 0")
  void giftSendRpc() {
    TestUser host = app.user("xl-sock-host", true);
    long room = app.liveRoom(host);
    TestUser fan = app.user("xl-sock-fan", true);
    long gift = RewardFixtures.gift(node.get(), "xl-lily", 10);
    RewardFixtures.credit(node.get(), fan.id(), 100);

    List<JsonObject> replies = burst(fan, room, n -> rpc("gift.send", new JsonObject().put("roomId", room)
      .put("giftId", gift).put("count", 1).put("requestId", "xl-rpc-" + n)));

    Map<Object, Long> outcomes = replies.stream().collect(Collectors.groupingBy(
      r -> r.containsKey("error") ? r.getJsonObject("error").getInteger("code") : "ok", Collectors.counting()));
    assertThat(outcomes).isEqualTo(Map.of("ok", 10L, 1300, 190L));
    assertThat(RewardFixtures.coins(fan.id())).isZero();
    JsonObject check = RewardFixtures.await(node.get().rewards().reconciliation().check());
    assertThat(check.getBoolean("ok")).as(check.encodePrettily()).isTrue();
  }

  @Test
  @DisplayName("200 concurrent likes: every tap acknowledged, and the totals returned are exactly 1..200")
  void likes() {
    TestUser host = app.user("xl-like-host", true);
    long room = app.liveRoom(host);
    TestUser fan = app.user("xl-like-fan", false);

    List<JsonObject> replies = burst(fan, room, n -> rpc("room.like", new JsonObject().put("roomId", room)
      .put("count", 1)));

    assertThat(replies).allSatisfy(r -> assertThat(r.containsKey("error")).as("like: %s", r).isFalse());
    TreeSet<Long> totals = replies.stream().map(r -> r.getJsonObject("rpc").getJsonObject("data").getLong("total"))
      .collect(Collectors.toCollection(TreeSet::new));
    assertThat(totals).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  @DisplayName("200 concurrent chat publishes: every one acknowledged, and exactly 200 rows archived")
  void chat() {
    TestUser host = app.user("xl-chat-host", true);
    long room = app.liveRoom(host);
    TestUser talker = app.user("xl-talker", true);

    List<JsonObject> replies = burst(talker, room, n -> new JsonObject().put("publish", new JsonObject()
      .put("channel", LiveRoomClients.channel(room)).put("data", new JsonObject().put("text", "xl message " + n))));

    assertThat(replies).allSatisfy(r -> assertThat(r.containsKey("error")).as("publish: %s", r).isFalse());
    assertThat(RewardFixtures.eventually(() -> count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room) == 200))
      .as("archived rows").isTrue();
    assertThat(count("SELECT count(DISTINCT text) FROM chat_messages WHERE room_id = ?", room)).isEqualTo(200L);
  }
}
