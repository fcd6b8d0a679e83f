package io.liveroom.social;

import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A block, either way, removes follows and stops follows, chat into the host's room and gifts into it")
class BlockEffectsTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private SocialFixtures app;
  private final List<TestSocket> sockets = new ArrayList<>();

  @BeforeEach
  void fixtures() {
    app = new SocialFixtures(node.get());
  }

  @AfterEach
  void close() {
    sockets.forEach(TestSocket::close);
  }

  private long liveRoom(Member host) {
    TestHttp.Response created = app.http.post("/api/v1/rooms", new JsonObject().put("title", "Block show")
      .put("category", "music"), host.token());
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    assertThat(app.http.post("/api/v1/rooms/" + id + "/start", null, host.token()).status()).isEqualTo(200);
    return id;
  }

  private TestSocket watch(Member m, long room) {
    TestSocket ws = TestSocket.open(node.httpPort());
    sockets.add(ws);
    ws.connect(m.token());
    JsonObject sub = ws.request("subscribe", new JsonObject().put("channel", "room:" + room));
    assertThat(sub.containsKey("error")).as("a blocked viewer still reads the room: %s", sub).isFalse();
    return ws;
  }

  private static JsonObject chat(TestSocket ws, long room, String text) {
    return ws.request("publish", new JsonObject().put("channel", "room:" + room)
      .put("data", new JsonObject().put("text", text)));
  }

  private static JsonObject gift(TestSocket ws, long room, long giftId) {
    return ws.request("rpc", new JsonObject().put("method", "gift.send").put("data", new JsonObject()
      .put("roomId", room).put("giftId", giftId).put("count", 1).put("requestId", UUID.randomUUID().toString())));
  }

  private static int errorCode(JsonObject reply) {
    assertThat(reply.containsKey("error")).as("expected an error: %s", reply).isTrue();
    return reply.getJsonObject("error").getInteger("code");
  }

  @Test
  @DisplayName("Blocking removes follows both ways with their counts, and the block list shows it newest first")
  void removesFollows() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    app.follow(ann, bo);
    app.follow(bo, ann);
    assertThat(app.block(ann, bo).status()).isEqualTo(204);
    assertThat(app.block(ann, bo).status()).as("idempotent").isEqualTo(204);
    assertThat(app.block(ann, cy).status()).isEqualTo(204);
    JsonObject annSeen = app.profile(cy, ann);
    assertThat(annSeen.getLong("followerCount")).isZero();
    assertThat(annSeen.getLong("followingCount")).isZero();
    assertThat(app.profile(ann, bo).getBoolean("blockedByYou")).isTrue();

    JsonArray blocks = app.http.get("/api/v1/me/blocks", ann.token()).json().getJsonArray("items");
    assertThat(blocks.stream().map(o -> ((JsonObject) o).getJsonObject("user").getLong("id")).toList())
      .containsExactly(cy.id(), bo.id());
    assertThat(SocialFixtures.code(app.block(ann, ann))).isEqualTo("block_self");
    assertThat(app.send("DELETE", "/api/v1/users/" + bo.id() + "/block", ann).status()).isEqualTo(204);
    assertThat(app.follow(bo, ann).status()).as("unblocked: following works again").isEqualTo(200);
  }

  @Test
  @DisplayName("The blocked user reads the blocker's room but cannot comment; the blocker cannot comment in the blocked host's room")
  void chatStops() {
    Member host = app.user("host");
    Member troll = app.user("troll");
    long room = liveRoom(host);
    TestSocket trollWs = watch(troll, room);
    assertThat(chat(trollWs, room, "before the block").containsKey("error")).isFalse();

    app.block(host, troll);
    assertThat(errorCode(chat(trollWs, room, "after the block"))).isEqualTo(1801);
    TestSocket hostWs = watch(host, room);
    assertThat(chat(hostWs, room, "host still talks").containsKey("error")).isFalse();
    JsonObject pub = trollWs.awaitPush(p -> p.containsKey("pub")
      && "host still talks".equals(p.getJsonObject("pub").getJsonObject("data").getString("text")));
    assertThat(pub.getJsonObject("pub").getJsonObject("data").getJsonObject("sender").getLong("id")).as("still reads")
      .isEqualTo(host.id());

    Member other = app.user("other");
    long otherRoom = liveRoom(other);
    TestSocket blockerWs = watch(troll, otherRoom);
    app.block(other, host);
    TestSocket hostInOther = watch(host, otherRoom);
    assertThat(errorCode(chat(hostInOther, otherRoom, "blocked by this host"))).isEqualTo(1801);
    assertThat(chat(blockerWs, otherRoom, "others are fine").containsKey("error")).isFalse();
  }

  @Test
  @DisplayName("No gift goes into a room whose host and sender have a block either way, and no coin moves")
  void giftsStop() {
    Member host = app.user("gift-host");
    Member fan = app.user("fan");
    long room = liveRoom(host);
    long rose = RewardFixtures.gift(node.get(), "rose-" + UUID.randomUUID().toString().substring(0, 6), 10);
    RewardFixtures.credit(node.get(), fan.id(), 100);
    TestSocket fanWs = watch(fan, room);
    assertThat(gift(fanWs, room, rose).containsKey("error")).as("before the block").isFalse();

    app.block(fan, host);
    assertThat(errorCode(gift(fanWs, room, rose))).as("the sender blocked the host").isEqualTo(1801);
    app.send("DELETE", "/api/v1/users/" + host.id() + "/block", fan);
    app.block(host, fan);
    assertThat(errorCode(gift(fanWs, room, rose))).as("the host blocked the sender").isEqualTo(1801);
    assertThat(RewardFixtures.coins(fan.id())).isEqualTo(90L);
  }
}
