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

import java.util.List;

import static io.liveroom.room.LiveRoomClients.awaitPub;
import static io.liveroom.room.LiveRoomClients.chat;
import static io.liveroom.room.LiveRoomClients.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Gifts in a live room over the real WebSocket: committed gifts reach every viewer, refused ones no one")
class RoomGiftsSocketTest {
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

  private static JsonObject giftRpc(TestSocket ws, long room, long gift, int count, String requestId) {
    return ws.request("rpc", new JsonObject().put("method", "gift.send").put("data", new JsonObject()
      .put("roomId", room).put("giftId", gift).put("count", count).put("requestId", requestId)));
  }

  @Test
  @DisplayName("gift.send commits, then every viewer gets the gift with the sender's profile; a refused gift publishes nothing")
  void giftReachesEveryViewer() {
    TestUser host = app.user("gift-host", true);
    long room = app.liveRoom(host);
    TestUser fan = app.user("big-fan", true);
    TestUser broke = app.user("broke-fan", true);
    List<TestSocket> viewers = List.of(app.watch(app.user("viewer-1", false), room),
      app.watch(app.user("viewer-2", false), room));
    TestSocket fanWs = app.watch(fan, room);
    TestSocket brokeWs = app.watch(broke, room);
    long rose = RewardFixtures.gift(node.get(), "rose", 10);
    RewardFixtures.credit(node.get(), fan.id(), 100);

    JsonObject refused = giftRpc(brokeWs, room, rose, 1, "broke-1");
    assertThat(errorCode(refused)).as("insufficient balance").isEqualTo(1300);

    JsonObject reply = giftRpc(fanWs, room, rose, 3, "fan-1");
    assertThat(reply.containsKey("error")).as("gift.send: %s", reply).isFalse();
    assertThat(reply.getJsonObject("rpc").getJsonObject("data").getLong("balance")).isEqualTo(70L);

    for (TestSocket viewer : viewers) {
      JsonObject data = awaitPub(viewer, room, "gift").getJsonObject("data");
      assertThat(data.getJsonObject("sender").getLong("id")).isEqualTo(fan.id());
      assertThat(data.getJsonObject("sender").getString("nickname")).isEqualTo("big-fan");
      assertThat(data.getJsonObject("gift").getString("name")).isEqualTo("rose");
      assertThat(data.getInteger("count")).isEqualTo(3);
      assertThat(data.getLong("combo")).isEqualTo(1L);
    }
    // A marker after the gift: had the refused gift been published, it would arrive before this.
    assertThat(chat(fanWs, room, "marker").containsKey("error")).isFalse();
    for (TestSocket viewer : viewers) {
      JsonObject next = viewer.awaitPush(p -> p.containsKey("pub")
        && List.of("gift", "chat").contains(p.getJsonObject("pub").getJsonObject("data").getString("type")));
      assertThat(next.getJsonObject("pub").getJsonObject("data").getString("type"))
        .as("nothing for the refused gift").isEqualTo("chat");
    }
    assertThat(RewardFixtures.coins(broke.id())).isZero();
  }
}
