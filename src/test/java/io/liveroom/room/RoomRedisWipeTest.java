package io.liveroom.room;

import io.liveroom.Node;
import io.liveroom.support.Await;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.room.LiveRoomClients.awaitPub;
import static io.liveroom.room.LiveRoomClients.chat;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Redis comes back empty: live rooms come back from PostgreSQL by themselves")
class RoomRedisWipeTest {
  @RegisterExtension
  final NodesPerTest nodes = new NodesPerTest();
  private Node a;
  private Node b;
  private LiveRoomClients onA;
  private LiveRoomClients onB;

  @AfterEach
  void stop() {
    if (onA != null) {
      onA.close();
    }
    if (onB != null) {
      onB.close();
    }
  }

  @Test
  @DisplayName("After FLUSHALL, chat published on either of two nodes is accepted at once and reaches viewers on the other")
  void chatAfterWipe() {
    a = nodes.start();
    b = nodes.start();
    onA = new LiveRoomClients(a);
    onB = new LiveRoomClients(b);
    TestUser host = onA.user("host", true);
    TestUser ann = onA.user("ann", true);
    TestUser bob = onA.user("bob", true);
    long room = onA.liveRoom(host);
    TestSocket annWs = onA.watch(ann, room);
    TestSocket bobWs = onB.watch(bob, room);
    assertThat(chat(annWs, room, "before").containsKey("error")).isFalse();
    assertThat(awaitPub(bobWs, room, "chat").getJsonObject("data").getString("text")).isEqualTo("before");

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    JsonObject reply = chat(annWs, room, "after the wipe");
    assertThat(reply.containsKey("error")).as("publish after the wipe: %s", reply).isFalse();
    // The channel's history went with Redis: subscribers are told (insufficient state) and resubscribe,
    // as SDKs do; no gap passes silently.
    resubscribe(annWs, room);
    resubscribe(bobWs, room);
    JsonObject fromB = chat(bobWs, room, "and from node b");
    assertThat(fromB.containsKey("error")).as("publish on node b: %s", fromB).isFalse();
    // Ann also holds her own earlier publications (and history may replay them): read up to node b's message.
    String text;
    do {
      text = awaitPub(annWs, room, "chat").getJsonObject("data").getString("text");
    } while (!"and from node b".equals(text));
    assertThat(text).isEqualTo("and from node b");
    assertThat(onB.http.get("/api/v1/rooms/" + room, bob.accessToken()).json().getString("status")).isEqualTo("live");
  }

  @Test
  @DisplayName("After FLUSHALL with no chat at all, the room is live in Redis again within seconds, with its slow mode, and likes count")
  void rebuiltWithoutTraffic() throws InterruptedException {
    a = nodes.start();
    onA = new LiveRoomClients(a);
    TestUser host = onA.user("host", true);
    TestUser ann = onA.user("ann", true);
    long room = onA.liveRoom(host);
    TestSocket annWs = onA.watch(ann, room);
    assertThat(onA.send("PUT", "/api/v1/rooms/" + room + "/slow-mode", new JsonObject().put("seconds", 30), host)
      .status()).isEqualTo(204);

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    String liveKey = "lr:{r" + room + "}:live";
    Await.within(5_000, () -> "1".equals(RedisProbe.command(TestInfra.get().redisUrl(), "EXISTS", liveKey)));
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "EXISTS", liveKey)).as("live flag rebuilt").isEqualTo("1");
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GET", "lr:{r" + room + "}:slow"))
      .as("the session's slow mode rebuilt").isEqualTo("30");
    JsonObject liked = annWs.request("rpc", new JsonObject().put("method", "room.like")
      .put("data", new JsonObject().put("roomId", room).put("count", 3)));
    assertThat(liked.containsKey("error")).as("room.like after the wipe: %s", liked).isFalse();
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GET", "lr:{r" + room + "}:likes")).isEqualTo("3");
  }

  private static void resubscribe(TestSocket ws, long room) {
    JsonObject push = ws.awaitPush(p -> p.containsKey("unsubscribe"));
    assertThat(push.getJsonObject("unsubscribe").getInteger("code")).isEqualTo(2500);
    JsonObject again = LiveRoomClients.subscribe(ws, room);
    assertThat(again.containsKey("error")).as("resubscribe: %s", again).isFalse();
  }
}
