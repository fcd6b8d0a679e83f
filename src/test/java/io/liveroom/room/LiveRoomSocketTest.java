package io.liveroom.room;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
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

import static io.liveroom.room.LiveRoomClients.awaitPub;
import static io.liveroom.room.LiveRoomClients.channel;
import static io.liveroom.room.LiveRoomClients.chat;
import static io.liveroom.room.LiveRoomClients.errorCode;
import static io.liveroom.room.LiveRoomClients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Live rooms end to end: HTTP lifecycle and moderation, chat and likes over the real WebSocket")
class LiveRoomSocketTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private LiveRoomClients app;

  @BeforeEach
  void clients() {
    app = new LiveRoomClients(node.get());
  }

  @AfterEach
  void closeClients() {
    app.close();
  }

  @Test
  @DisplayName("Host goes live, 3 viewers chat, and each receives everyone's messages in order with the sender's profile")
  void threeViewersChat() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    List<TestUser> users = List.of(app.user("ann", true), app.user("bob", true), app.user("cat", true));
    List<TestSocket> viewers = new ArrayList<>();
    users.forEach(u -> viewers.add(app.watch(u, room)));

    List<String> sent = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < 3; i++) {
        String text = users.get(i).phone().substring(9) + " says " + round;
        JsonObject reply = chat(viewers.get(i), room, text);
        assertThat(reply.containsKey("error")).as("publish: %s", reply).isFalse();
        sent.add(text);
      }
    }

    for (TestSocket viewer : viewers) {
      long previousOffset = 0;
      for (int n = 0; n < sent.size(); n++) {
        JsonObject pub = awaitPub(viewer, room, "chat");
        JsonObject data = pub.getJsonObject("data");
        TestUser sender = users.get(n % 3);
        assertThat(data.getString("text")).isEqualTo(sent.get(n));
        assertThat(data.getJsonObject("sender").getLong("id")).isEqualTo(sender.id());
        assertThat(data.getJsonObject("sender").getString("nickname")).isEqualTo(List.of("ann", "bob", "cat").get(n % 3));
        assertThat(data.getJsonObject("sender").containsKey("avatarUrl")).isTrue();
        assertThat(data.getString("id")).matches("[1-9][0-9]*");
        assertThat(data.getLong("ts")).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(pub.getJsonObject("info").getString("user")).isEqualTo(Long.toString(sender.id()));
        assertThat(pub.getLong("offset")).isGreaterThan(previousOffset);
        previousOffset = pub.getLong("offset");
      }
    }
    JsonObject stats = viewers.get(0).request("presence_stats", new JsonObject().put("channel", channel(room)));
    assertThat(stats.getJsonObject("presence_stats").getInteger("num_users")).isEqualTo(3);
    TestHttp.Response roomStats = app.http.get("/api/v1/rooms/" + room + "/stats", host.accessToken());
    assertThat(roomStats.json().getInteger("currentViewers")).as("stats: %s", roomStats).isEqualTo(3);
    assertThat(roomStats.json().getLong("messageCount")).isEqualTo(6L);
  }

  @Test
  @DisplayName("A small room gets join and leave pushes (per-channel join/leave below the viewer threshold)")
  void joinLeaveInSmallRoom() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestUser ann = app.user("ann", true);
    TestUser bob = app.user("bob", true);
    TestSocket annWs = app.watch(ann, room);
    TestSocket bobWs = app.watch(bob, room);

    JsonObject join = annWs.awaitPush(p -> p.containsKey("join") && user(p.getJsonObject("join")) == bob.id());
    assertThat(join.getString("channel")).isEqualTo(channel(room));
    bobWs.request("unsubscribe", new JsonObject().put("channel", channel(room)));
    JsonObject leave = annWs.awaitPush(p -> p.containsKey("leave") && user(p.getJsonObject("leave")) == bob.id());
    assertThat(leave.getString("channel")).isEqualTo(channel(room));
  }

  private static long user(JsonObject joinOrLeave) {
    return Long.parseLong(joinOrLeave.getJsonObject("info").getString("user"));
  }

  @Test
  @DisplayName("An unverified user can watch and read the chat but not comment (chat_verified_only, 1204)")
  void unverifiedWatchesOnly() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestSocket guest = app.watch(app.user("guest", false), room);
    TestSocket ann = app.watch(app.user("ann", true), room);

    assertThat(chat(ann, room, "welcome").containsKey("error")).isFalse();
    assertThat(awaitPub(guest, room, "chat").getJsonObject("data").getString("text")).isEqualTo("welcome");
    JsonObject refused = chat(guest, room, "may I?");
    assertThat(errorCode(refused)).isEqualTo(1204);
    assertThat(refused.getJsonObject("error").getBoolean("temporary", false)).isFalse();
  }

  @Test
  @DisplayName("A muted user's publish is refused (room_muted, 1209) while they keep receiving the chat")
  void mutedUserRefused() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestUser ann = app.user("ann", true);
    TestSocket annWs = app.watch(ann, room);
    TestSocket bobWs = app.watch(app.user("bob", true), room);

    TestHttp.Response muted = app.send("POST", "/api/v1/rooms/" + room + "/mutes",
      new JsonObject().put("userId", ann.id()).put("durationSeconds", 300), host);
    assertThat(muted.status()).as("mute: %s", muted).isEqualTo(204);
    JsonObject notice = awaitPub(annWs, room, "moderation").getJsonObject("data");
    assertThat(notice.getString("action")).isEqualTo("mute");
    assertThat(notice.getLong("userId")).isEqualTo(ann.id());

    assertThat(errorCode(chat(annWs, room, "let me speak"))).isEqualTo(1209);
    assertThat(chat(bobWs, room, "still here").containsKey("error")).isFalse();
    assertThat(awaitPub(annWs, room, "chat").getJsonObject("data").getString("text")).isEqualTo("still here");
  }

  @Test
  @DisplayName("Only the room's audience chats: a verified user who has not subscribed gets 103, then chats once subscribed")
  void chatNeedsSubscription() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestUser dan = app.user("dan", true);
    TestSocket viewer = app.watch(app.user("eve", true), room);
    TestSocket danWs = app.connect(dan);
    assertThat(errorCode(chat(danWs, room, "from outside"))).isEqualTo(103);
    assertThat(subscribe(danWs, room).containsKey("error")).isFalse();
    assertThat(chat(danWs, room, "from inside").containsKey("error")).isFalse();
    // The viewer sees only the message sent from inside the room.
    assertThat(awaitPub(viewer, room, "chat").getJsonObject("data").getString("text")).isEqualTo("from inside");
  }

  @Test
  @DisplayName("A kicked user gets the unsubscribe push, cannot chat (103), like or re-subscribe (room_kicked, 1211) until the ban expires")
  void kickedUser() throws InterruptedException {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestUser ann = app.user("ann", true);
    TestSocket annWs = app.watch(ann, room);

    TestHttp.Response kicked = app.send("POST", "/api/v1/rooms/" + room + "/kicks",
      new JsonObject().put("userId", ann.id()).put("banSeconds", 3), host);
    assertThat(kicked.status()).as("kick: %s", kicked).isEqualTo(204);
    JsonObject push = annWs.awaitPush(p -> p.containsKey("unsubscribe"));
    assertThat(push.getString("channel")).isEqualTo(channel(room));
    assertThat(push.getJsonObject("unsubscribe").getInteger("code")).isEqualTo(2000);
    // Kicked means unsubscribed: the room takes chat from its audience only (103), and the ban
    // refuses the rest with room_kicked.
    assertThat(errorCode(chat(annWs, room, "am I still in?"))).isEqualTo(103);
    assertThat(errorCode(annWs.request("rpc", new JsonObject().put("method", "room.like")
      .put("data", new JsonObject().put("roomId", room).put("count", 1))))).isEqualTo(1211);

    JsonObject first = subscribe(annWs, room);
    assertThat(errorCode(first)).isEqualTo(1211);
    JsonObject again = Await.value(8_000, () -> subscribe(annWs, room), reply -> !reply.containsKey("error"));
    assertThat(again.containsKey("error")).as("re-subscribe after the ban: %s", again).isFalse();
    assertThat(again.getJsonObject("subscribe").getBoolean("recoverable")).isTrue();
  }

  @Test
  @DisplayName("Slow mode rejects a second message within the cooldown (chat_slow_mode, 1208); the host is exempt")
  void slowMode() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestSocket hostWs = app.watch(host, room);
    TestSocket ann = app.watch(app.user("ann", true), room);

    TestHttp.Response slow = app.send("PUT", "/api/v1/rooms/" + room + "/slow-mode", new JsonObject().put("seconds", 30), host);
    assertThat(slow.status()).as("slow mode: %s", slow).isEqualTo(204);
    assertThat(awaitPub(ann, room, "moderation").getJsonObject("data").getString("action")).isEqualTo("slow_mode");

    assertThat(chat(ann, room, "first").containsKey("error")).isFalse();
    JsonObject second = chat(ann, room, "second");
    assertThat(errorCode(second)).isEqualTo(1208);
    assertThat(second.getJsonObject("error").getBoolean("temporary")).isTrue();
    assertThat(chat(hostWs, room, "host one").containsKey("error")).isFalse();
    assertThat(chat(hostWs, room, "host two").containsKey("error")).isFalse();
  }

  @Test
  @DisplayName("1,000 like taps through room.like become a handful of likes publications ending at the right total")
  void likesAggregate() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestSocket watcher = app.watch(app.user("watcher", false), room);
    List<TestSocket> tappers = new ArrayList<>();
    for (String name : List.of("ann", "bob", "cat", "dan")) {
      tappers.add(app.watch(app.user(name, false), room));
    }

    // Each tapper batches taps like the app does: 25 calls of 10 taps, pipelined.
    List<int[]> pending = new ArrayList<>();
    for (int call = 0; call < 25; call++) {
      for (int t = 0; t < tappers.size(); t++) {
        int id = tappers.get(t).send("rpc", new JsonObject().put("method", "room.like")
          .put("data", new JsonObject().put("roomId", room).put("count", 10)));
        pending.add(new int[] {t, id});
      }
    }
    long maxTotal = 0;
    for (int[] p : pending) {
      JsonObject reply = tappers.get(p[0]).awaitReply(p[1]);
      assertThat(reply.containsKey("error")).as("room.like: %s", reply).isFalse();
      maxTotal = Math.max(maxTotal, reply.getJsonObject("rpc").getJsonObject("data").getLong("total"));
    }
    assertThat(maxTotal).isEqualTo(1000);

    List<Long> totals = new ArrayList<>();
    long last = 0;
    while (last < 1000) {
      last = awaitPub(watcher, room, "likes").getJsonObject("data").getLong("total");
      totals.add(last);
    }
    assertThat(totals).hasSizeLessThanOrEqualTo(5).isSorted().endsWith(1000L);
    TestHttp.Response stats = app.http.get("/api/v1/rooms/" + room + "/stats", host.accessToken());
    assertThat(stats.json().getLong("totalLikes")).as("stats: %s", stats).isEqualTo(1000L);
  }

  @Test
  @DisplayName("Ending the live session tells every viewer (an ended publication) and further chat is refused (room_not_live, 1201)")
  void endingSession() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestSocket ann = app.watch(app.user("ann", true), room);
    TestSocket bob = app.watch(app.user("bob", false), room);

    TestHttp.Response ended = app.http.post("/api/v1/rooms/" + room + "/end", null, host.accessToken());
    assertThat(ended.status()).as("end: %s", ended).isEqualTo(200);
    for (TestSocket viewer : List.of(ann, bob)) {
      JsonObject data = awaitPub(viewer, room, "ended").getJsonObject("data");
      assertThat(data.getString("reason")).isEqualTo("host");
      assertThat(data.getLong("sessionId")).isPositive();
    }
    assertThat(errorCode(chat(ann, room, "anyone?"))).isEqualTo(1201);
  }

  @Test
  @DisplayName("A viewer who reconnects resubscribes with recover and gets exactly the chat it missed")
  void recoveryAfterReconnect() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    TestUser ann = app.user("ann", true);
    TestSocket bob = app.watch(app.user("bob", true), room);
    TestSocket first = app.connect(ann);
    JsonObject sub = subscribe(first, room).getJsonObject("subscribe");
    String epoch = sub.getString("epoch");
    assertThat(chat(bob, room, "before").containsKey("error")).isFalse();
    long seen = awaitPub(first, room, "chat").getLong("offset");
    first.close();

    for (String text : List.of("missed 1", "missed 2", "missed 3")) {
      assertThat(chat(bob, room, text).containsKey("error")).isFalse();
    }
    TestSocket again = app.connect(ann);
    JsonObject recovered = again.request("subscribe", new JsonObject().put("channel", channel(room))
      .put("recover", true).put("epoch", epoch).put("offset", seen)).getJsonObject("subscribe");
    assertThat(recovered.getBoolean("was_recovering")).isTrue();
    assertThat(recovered.getBoolean("recovered")).isTrue();
    assertThat(recovered.getJsonArray("publications")).extracting(p -> ((JsonObject) p).getJsonObject("data").getString("text"))
      .containsExactly("missed 1", "missed 2", "missed 3");
    assertThat(recovered.getLong("offset")).isEqualTo(seen + 3);

    assertThat(chat(bob, room, "live again").containsKey("error")).isFalse();
    JsonObject live = awaitPub(again, room, "chat");
    assertThat(live.getJsonObject("data").getString("text")).isEqualTo("live again");
    assertThat(live.getLong("offset")).isEqualTo(seen + 4);
  }
}
