package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.realtime.RpcMethod;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;

import static io.liveroom.reward.RewardFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Gift rules: who may send, caps, the room publication, combos and leaderboards")
class GiftRulesTest {
  private static final RecordingRealtime realtime = new RecordingRealtime();
  private static final InMemoryRooms rooms = new InMemoryRooms();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rewards").put("hostSharePercent", 40)
      .put("caps", new JsonObject().put("perTransactionCoins", 500).put("perDayCoins", 600).put("perMonthCoins", 100_000)))
    .seams(new NodeSeams(rooms, realtime))
    .build();
  private static final TestHttp http = node.http();
  private static long heart;
  private static long rose;

  @BeforeAll
  static void boot() {
    heart = RewardFixtures.gift(node.get(), "Heart-r", 10);
    rose = RewardFixtures.gift(node.get(), "Rose-r", 1);
  }

  private static TestHttp.Response send(long viewer, long room, long gift, int count, String key) {
    return http.post("/api/v1/rooms/" + room + "/gifts", new JsonObject().put("giftId", gift).put("count", count)
      .put("requestId", key), RewardFixtures.token(node.get(), viewer, Role.USER));
  }

  @Test
  @DisplayName("A committed gift is published to room:<id> at high priority with the sender's id, nickname and avatar")
  void publicationCarriesSenderProfile() {
    long host = RewardFixtures.adult("host-p");
    long viewer = RewardFixtures.adult("alice-p");
    rooms.live(701, host, 9201);
    RewardFixtures.credit(node.get(), viewer, 100);
    TestHttp.Response r = send(viewer, 701, heart, 3, "p1");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getLong("coins")).isEqualTo(30L);
    assertThat(r.json().getLong("hostBeans")).isEqualTo(12L);
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:701").size() == 1)).isTrue();
    JsonObject pub = realtime.on("room:701").get(0);
    assertThat(pub.getString("type")).isEqualTo("gift");
    assertThat(pub.getString("priority")).isEqualTo("high");
    assertThat(pub.getJsonObject("sender")).isEqualTo(new JsonObject().put("id", viewer).put("nickname", "alice-p")
      .put("avatarUrl", "https://cdn.example/avatars/alice-p.png"));
    assertThat(pub.getJsonObject("gift").getLong("id")).isEqualTo(heart);
    assertThat(pub.getInteger("count")).isEqualTo(3);
    assertThat(pub.getLong("combo")).isEqualTo(1L);
    assertThat(pub.getLong("transactionId")).isEqualTo(r.json().getLong("transactionId"));
    assertThat(RewardFixtures.eventually(() -> http.get("/metrics").body().contains("liveroom_gifts_committed_total")))
      .isTrue();
    assertThat(http.get("/metrics").body()).contains("liveroom_gift_batch_size");
  }

  @Test
  @DisplayName("A refused gift charges nothing and publishes nothing")
  void refusedGiftIsNotPublished() {
    long host = RewardFixtures.adult("host-n");
    long viewer = RewardFixtures.adult("viewer-n");
    rooms.live(702, host, 9202);
    RewardFixtures.credit(node.get(), viewer, 5);
    TestHttp.Response r = send(viewer, 702, heart, 1, "n1");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().getString("code")).isEqualTo("insufficient_balance");
    assertThat(RewardFixtures.coins(viewer)).isEqualTo(5L);
    send(viewer, 702, rose, 1, "n2");
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:702").size() == 1)).isTrue();
    assertThat(realtime.on("room:702")).extracting(p -> p.getJsonObject("gift").getLong("id")).containsExactly(rose);
  }

  @Test
  @DisplayName("Minors and unverified users cannot send gifts; hosts cannot gift themselves; offline rooms take none")
  void eligibility() {
    long host = RewardFixtures.adult("host-e");
    long minor = RewardFixtures.user("minor-e", true, LocalDate.now().minusYears(15), Role.USER);
    long unverified = RewardFixtures.user("unverified-e", false, LocalDate.of(1990, 1, 1), Role.USER);
    rooms.live(703, host, 9203).offline(704, host);
    for (long u : List.of(minor, unverified, host)) {
      RewardFixtures.credit(node.get(), u, 100);
    }
    // A minor is in youth mode, which refuses every gift before the sender rules are read.
    assertThat(send(minor, 703, rose, 1, "e1").json().getString("code")).isEqualTo("youth_mode_restricted");
    assertThat(send(unverified, 703, rose, 1, "e2").json().getString("code")).isEqualTo("gift_sender_not_eligible");
    assertThat(send(host, 703, rose, 1, "e3").json().getString("code")).isEqualTo("gift_to_self");
    long viewer = RewardFixtures.adult("viewer-e");
    RewardFixtures.credit(node.get(), viewer, 100);
    assertThat(send(viewer, 704, rose, 1, "e4").json().getString("code")).isEqualTo("room_not_live");
    assertThat(RewardFixtures.coins(minor) + RewardFixtures.coins(unverified) + RewardFixtures.coins(viewer)).isEqualTo(300L);
  }

  @Test
  @DisplayName("Spending caps per transaction and per day refuse the gift and charge nothing")
  void caps() {
    long host = RewardFixtures.adult("host-cap");
    long viewer = RewardFixtures.adult("viewer-cap");
    rooms.live(705, host, 9205);
    RewardFixtures.credit(node.get(), viewer, 2_000);
    TestHttp.Response tooBig = send(viewer, 705, heart, 51, "cap1");
    assertThat(tooBig.status()).isEqualTo(409);
    assertThat(tooBig.json().getString("code")).isEqualTo("spending_cap_exceeded");
    assertThat(tooBig.json().getString("cap")).isEqualTo("transaction");
    assertThat(send(viewer, 705, heart, 50, "cap2").status()).isEqualTo(200);
    TestHttp.Response overDay = send(viewer, 705, heart, 11, "cap3");
    assertThat(overDay.json().getString("cap")).isEqualTo("day");
    assertThat(send(viewer, 705, heart, 10, "cap4").status()).isEqualTo(200);
    assertThat(RewardFixtures.coins(viewer)).isEqualTo(1_400L);
  }

  @Test
  @DisplayName("Repeated sends of one gift by one sender in one room count up a combo; another gift starts its own")
  void combos() {
    long host = RewardFixtures.adult("host-combo");
    long viewer = RewardFixtures.adult("viewer-combo");
    rooms.live(706, host, 9206);
    RewardFixtures.credit(node.get(), viewer, 100);
    send(viewer, 706, rose, 1, "c1");
    send(viewer, 706, rose, 1, "c2");
    send(viewer, 706, rose, 2, "c3");
    send(viewer, 706, heart, 1, "c4");
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:706").size() == 4)).isTrue();
    assertThat(realtime.on("room:706")).extracting(p -> p.getLong("combo")).containsExactlyInAnyOrder(1L, 2L, 3L, 1L);
  }

  @Test
  @DisplayName("Gift listeners (the rooms' hot-score hook) hear each committed gift once, never a replay or a refusal")
  void listeners() {
    long host = RewardFixtures.adult("host-hot");
    long viewer = RewardFixtures.adult("viewer-hot");
    rooms.live(709, host, 9209);
    RewardFixtures.credit(node.get(), viewer, 15);
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    node.get().rewards().addGiftListener((receipt, hostId, sessionId) -> {
      if (receipt.roomId() == 709) {
        heard.add(receipt.coins() + "/" + hostId + "/" + sessionId);
      }
    });
    send(viewer, 709, heart, 1, "hot1");
    send(viewer, 709, heart, 1, "hot1");
    send(viewer, 709, heart, 1, "hot2");
    assertThat(RewardFixtures.eventually(() -> heard.size() == 1)).isTrue();
    assertThat(heard).containsExactly("10/" + host + "/9209");
  }

  @Test
  @DisplayName("gift.send over RPC is the same service and answers the same receipt as HTTP")
  void rpcGiftSend() {
    long host = RewardFixtures.adult("host-rpc");
    long viewer = RewardFixtures.adult("viewer-rpc");
    rooms.live(707, host, 9207);
    RewardFixtures.credit(node.get(), viewer, 100);
    RpcMethod rpc = new GiftSendRpc(node.get().rewards().gifts());
    assertThat(rpc.name()).isEqualTo("gift.send");
    RpcMethod.RpcContext ctx = new RpcMethod.RpcContext(new Principal(viewer, Role.USER, "s"), "client-1");
    JsonObject params = new JsonObject().put("roomId", 707).put("giftId", heart).put("count", 2).put("requestId", "rpc1");
    JsonObject viaRpc = await(rpc.call(ctx, params));
    TestHttp.Response viaHttp = send(viewer, 707, heart, 2, "rpc1");

    assertThat(viaRpc.getLong("coins")).isEqualTo(20L);
    assertThat(viaHttp.json()).isEqualTo(viaRpc);
    assertThatThrownBy(() -> await(rpc.call(ctx, new JsonObject().put("roomId", 707))))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code().code()).isEqualTo("validation_failed"));
  }

  @Test
  @DisplayName("Leaderboards show nickname, avatar and score only, and come back identically from the ledger after Redis loses them")
  void leaderboards() {
    long host = RewardFixtures.adult("host-lb");
    long big = RewardFixtures.adult("big-lb");
    long small = RewardFixtures.adult("small-lb");
    rooms.live(708, host, 9208);
    RewardFixtures.credit(node.get(), big, 100);
    RewardFixtures.credit(node.get(), small, 100);
    send(big, 708, heart, 3, "lb1");
    send(small, 708, rose, 4, "lb2");
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:708").size() == 2)).isTrue();
    // Room endpoints, this one included, are for signed-in users.
    String viewer = RewardFixtures.token(node.get(), small, Role.USER);
    JsonArray room = http.get("/api/v1/rooms/708/leaderboard", viewer).json().getJsonArray("items");
    assertThat(room).hasSize(2);
    assertThat(room.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("rank", "nickname", "avatarUrl", "score");
    assertThat(room.getJsonObject(0).getString("nickname")).isEqualTo("big-lb");
    assertThat(room.getJsonObject(0).getLong("score")).isEqualTo(30L);
    assertThat(room.getJsonObject(1).getString("nickname")).isEqualTo("small-lb");
    String session = http.get("/api/v1/live-sessions/9208/leaderboard").body();
    String hostsDay = http.get("/api/v1/leaderboards/hosts?period=day").body();
    String giftersWeek = http.get("/api/v1/leaderboards/gifters?period=week").body();
    assertThat(hostsDay).contains("host-lb");

    // Redis loses the boards: the next read rebuilds them from the ledger, no manual step.
    RedisProbe.flushAll(TestInfra.get().redisUrl());
    assertThat(http.get("/api/v1/rooms/708/leaderboard", viewer).json().getJsonArray("items")).isEqualTo(room);
    // And with no read at all, the node notices the wipe and rebuilds them by itself.
    RedisProbe.flushAll(TestInfra.get().redisUrl());
    assertThat(RewardFixtures.eventually(() -> "1".equals(RedisProbe.command(TestInfra.get().redisUrl(), "EXISTS",
      "lb:hosts:all")))).as("boards rebuilt without a read").isTrue();
    assertThat(await(node.get().rewards().leaderboards().rebuild())).isPositive();
    assertThat(http.get("/api/v1/rooms/708/leaderboard", viewer).json().getJsonArray("items")).isEqualTo(room);
    assertThat(http.get("/api/v1/live-sessions/9208/leaderboard").body()).isEqualTo(session);
    assertThat(http.get("/api/v1/leaderboards/hosts?period=day").body()).isEqualTo(hostsDay);
    assertThat(http.get("/api/v1/leaderboards/gifters?period=week").body()).isEqualTo(giftersWeek);
    assertThat(http.get("/api/v1/leaderboards/gifters?period=year").status()).isEqualTo(400);

    // A frozen account (cancellation pending) has no public rank; the ledger still counts it.
    try (java.sql.Connection c = TestInfra.get().jdbc();
         java.sql.PreparedStatement st = c.prepareStatement("UPDATE users SET status = 'frozen' WHERE id = ?")) {
      st.setLong(1, big);
      st.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(RewardFixtures.eventually(() -> {
      JsonArray items = http.get("/api/v1/rooms/708/leaderboard", viewer).json().getJsonArray("items");
      return items.size() == 1 && "small-lb".equals(items.getJsonObject(0).getString("nickname"))
        && items.getJsonObject(0).getInteger("rank") == 1;
    })).as("frozen gifter hidden, ranks renumbered").isTrue();
  }
}
