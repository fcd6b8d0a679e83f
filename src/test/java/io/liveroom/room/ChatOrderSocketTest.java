package io.liveroom.room;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.room.LiveRoomClients.awaitPub;
import static io.liveroom.room.LiveRoomClients.channel;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A sender's chat reaches the room in the order it was sent, even when sent without waiting")
class ChatOrderSocketTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rooms").getJsonObject("chat").getJsonObject("rateLimit")
      .put("messages", 1000).put("windowSeconds", 1))
    .build();

  @Test
  @DisplayName("60 publishes pipelined in separate frames arrive in order, each acknowledged")
  void pipelinedChatStaysInOrder() {
    try (LiveRoomClients app = new LiveRoomClients(node.get())) {
      TestUser host = app.user("order-host", true);
      long room = app.liveRoom(host);
      TestSocket viewer = app.watch(app.user("order-viewer", false), room);
      TestSocket sender = app.watch(app.user("order-sender", true), room);

      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(sender.send("publish", new JsonObject().put("channel", channel(room))
          .put("data", new JsonObject().put("text", "message " + i))));
      }
      for (int id : ids) {
        assertThat(sender.awaitReply(id).containsKey("error")).as("publish %d", id).isFalse();
      }
      for (int i = 0; i < 60; i++) {
        assertThat(awaitPub(viewer, room, "chat").getJsonObject("data").getString("text")).isEqualTo("message " + i);
      }
    }
  }
}
