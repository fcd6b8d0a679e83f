package io.liveroom.room;

import io.liveroom.Node;
import io.liveroom.support.Await;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.room.LiveRoomClients.channel;
import static io.liveroom.room.LiveRoomClients.chat;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Room channels on the core's per-channel hooks: chat history survives a restart and a Redis loss; join/leave threshold")
class RoomHistoryAndPresenceTest {
  @RegisterExtension
  final NodesPerTest nodes = new NodesPerTest();
  private final List<LiveRoomClients> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(LiveRoomClients::close);
  }

  private LiveRoomClients boot(java.util.function.Consumer<JsonObject> config) {
    Node node = nodes.start(config);
    LiveRoomClients app = new LiveRoomClients(node);
    apps.add(app);
    return app;
  }

  @Test
  @DisplayName("Chat persists to PostgreSQL, and history serves it after a node restart: from Redis, then reloaded from PostgreSQL after FLUSHALL")
  void historyAfterRestartAndRedisLoss() {
    LiveRoomClients first = boot(json -> { });
    TestUser host = first.user("host", true);
    TestUser ann = first.user("ann", true);
    long room = first.liveRoom(host);
    TestSocket annWs = first.watch(ann, room);
    List<String> ids = new ArrayList<>();
    for (String text : List.of("one", "two", "three")) {
      assertThat(chat(annWs, room, text).containsKey("error")).isFalse();
      ids.add(LiveRoomClients.awaitPub(annWs, room, "chat").getJsonObject("data").getString("id"));
    }
    awaitStoredChat(room, 3);

    first.close();
    nodes.stop(first.node);
    LiveRoomClients second = boot(json -> { });
    TestSocket reader = second.connect(ann);

    JsonObject fromRedis = history(reader, room, 10, false);
    // Redis kept the whole room stream: the started announcement, then the chat, with offsets.
    assertThat(fromRedis.getJsonArray("publications")).extracting(p -> ((JsonObject) p).getJsonObject("data").getString("type"))
      .containsExactly("started", "chat", "chat", "chat");
    assertThat(fromRedis.getJsonArray("publications")).extracting(p -> ((JsonObject) p).getLong("offset"))
      .containsExactly(1L, 2L, 3L, 4L);
    assertThat(texts(fromRedis)).containsExactly("one", "two", "three");
    String epoch = fromRedis.getString("epoch");

    RedisProbe.flushAll(TestInfra.get().redisUrl());
    // A client resuming from what it saw is told the gap cannot be filled, then repaints from history.
    JsonObject resumed = reader.request("subscribe", new JsonObject().put("channel", channel(room)).put("recover", true)
      .put("epoch", epoch).put("offset", 4)).getJsonObject("subscribe");
    assertThat(resumed.getBoolean("was_recovering")).isTrue();
    assertThat(resumed.getBoolean("recovered", false)).isFalse();
    JsonObject fromPg = history(reader, room, 10, false);
    assertThat(fromPg.getJsonArray("publications")).hasSize(3);
    assertThat(texts(fromPg)).containsExactly("one", "two", "three");
    assertThat(fromPg.getJsonArray("publications")).extracting(p -> ((JsonObject) p).getJsonObject("data").getString("id"))
      .containsExactlyElementsOf(ids);
    JsonObject reloaded = fromPg.getJsonArray("publications").getJsonObject(0).getJsonObject("data");
    assertThat(reloaded.getString("type")).isEqualTo("chat");
    assertThat(reloaded.getJsonObject("sender").getLong("id")).isEqualTo(ann.id());
    assertThat(reloaded.getJsonObject("sender").getString("nickname")).isEqualTo("ann");
    assertThat(fromPg.getJsonArray("publications").getJsonObject(0).containsKey("offset")).isFalse();
    assertThat(fromPg.getString("epoch", "")).isNotEqualTo(epoch);

    assertThat(texts(history(reader, room, 2, false))).containsExactly("two", "three");
    assertThat(texts(history(reader, room, 10, true))).containsExactly("three", "two", "one");
  }

  @Test
  @DisplayName("Above rooms.channel.joinLeaveMaxViewers a room sends no join; back at the threshold the leave is sent")
  void joinLeaveThreshold() {
    LiveRoomClients app = boot(json -> json.getJsonObject("rooms").getJsonObject("channel").put("joinLeaveMaxViewers", 1));
    TestUser host = app.user("host", true);
    TestUser bob = app.user("bob", true);
    long room = app.liveRoom(host);
    TestSocket annWs = app.watch(app.user("ann", true), room);
    TestSocket bobWs = app.watch(bob, room);
    bobWs.request("unsubscribe", new JsonObject().put("channel", channel(room)));

    // Join and leave of one channel are published in order: a join for bob would come first.
    JsonObject first = annWs.awaitPush(p -> (p.containsKey("join") || p.containsKey("leave"))
      && (p.containsKey("join") ? p.getJsonObject("join") : p.getJsonObject("leave"))
      .getJsonObject("info").getString("user").equals(Long.toString(bob.id())));
    assertThat(first.containsKey("leave")).as("first join/leave push about bob: %s", first).isTrue();
  }

  private static JsonObject history(TestSocket ws, long room, int limit, boolean reverse) {
    JsonObject reply = ws.request("history", new JsonObject().put("channel", channel(room)).put("limit", limit)
      .put("reverse", reverse));
    assertThat(reply.containsKey("error")).as("history: %s", reply).isFalse();
    return reply.getJsonObject("history");
  }

  private static List<String> texts(JsonObject history) {
    JsonArray pubs = history.getJsonArray("publications", new JsonArray());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < pubs.size(); i++) {
      JsonObject data = pubs.getJsonObject(i).getJsonObject("data");
      if ("chat".equals(data.getString("type"))) {
        out.add(data.getString("text"));
      }
    }
    return out;
  }

  private static void awaitStoredChat(long room, long expected) {
    long stored = Await.value(10_000, () -> RoomFixture.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room),
      n -> n == expected);
    assertThat(stored).as("chat messages in PostgreSQL").isEqualTo(expected);
  }
}
