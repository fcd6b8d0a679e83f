package io.liveroom.room;

import io.liveroom.Node;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.room.LiveRoomClients.awaitPub;
import static io.liveroom.room.LiveRoomClients.channel;
import static io.liveroom.room.LiveRoomClients.chat;
import static io.liveroom.room.LiveRoomClients.errorCode;
import static io.liveroom.room.LiveRoomClients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One live room across two nodes sharing Redis: viewers on either node see one room")
class RoomTwoNodesTest {
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
      onB.close();
    }
  }

  @Test
  @DisplayName("chat, viewer count, likes, a kick issued on one node and the end of the session reach viewers on the other")
  void oneRoomTwoNodes() {
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

    assertThat(chat(annWs, room, "hello from node a").containsKey("error")).isFalse();
    assertThat(awaitPub(bobWs, room, "chat").getJsonObject("data").getString("text")).isEqualTo("hello from node a");
    assertThat(chat(bobWs, room, "hello from node b").containsKey("error")).isFalse();
    assertThat(awaitPub(annWs, room, "chat").getJsonObject("data").getString("text")).isEqualTo("hello from node a");
    assertThat(awaitPub(annWs, room, "chat").getJsonObject("data").getString("text")).isEqualTo("hello from node b");
    TestHttp.Response stats = onB.http.get("/api/v1/rooms/" + room + "/stats", bob.accessToken());
    assertThat(stats.json().getInteger("currentViewers")).as("stats: %s", stats).isEqualTo(2);

    for (TestSocket tapper : new TestSocket[] {annWs, bobWs}) {
      JsonObject liked = tapper.request("rpc", new JsonObject().put("method", "room.like")
        .put("data", new JsonObject().put("roomId", room).put("count", 50)));
      assertThat(liked.containsKey("error")).as("room.like: %s", liked).isFalse();
    }
    long total = 0;
    while (total < 100) {
      total = awaitPub(annWs, room, "likes").getJsonObject("data").getLong("total");
    }
    assertThat(total).isEqualTo(100);

    TestHttp.Response kicked = onA.send("POST", "/api/v1/rooms/" + room + "/kicks",
      new JsonObject().put("userId", bob.id()).put("banSeconds", 60), host);
    assertThat(kicked.status()).as("kick: %s", kicked).isEqualTo(204);
    JsonObject push = bobWs.awaitPush(p -> p.containsKey("unsubscribe"));
    assertThat(push.getString("channel")).isEqualTo(channel(room));
    assertThat(errorCode(subscribe(bobWs, room))).isEqualTo(1211);

    assertThat(onB.http.post("/api/v1/rooms/" + room + "/end", null, host.accessToken()).status()).isEqualTo(200);
    assertThat(awaitPub(annWs, room, "ended").getJsonObject("data").getString("reason")).isEqualTo("host");
    assertThat(errorCode(chat(annWs, room, "still on?"))).isEqualTo(1201);
  }
}
