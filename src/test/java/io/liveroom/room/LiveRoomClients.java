package io.liveroom.room;

import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live rooms as a client app drives them, against a real node: users registered through the API,
 * rooms created and started over HTTP, viewers on real WebSockets speaking the JSON protocol.
 * Every socket it opens is closed by {@link #close}.
 */
final class LiveRoomClients implements AutoCloseable {
  final Node node;
  final TestHttp http;
  private final List<TestSocket> sockets = new ArrayList<>();

  LiveRoomClients(Node node) {
    this.node = node;
    this.http = new TestHttp(node.httpPort());
  }

  /** A registered user; verified ones are identity-verified adults (may host and comment). */
  TestUser user(String nickname, boolean verified) {
    TestUser u = TestUsers.register(http, TestUsers.newPhone(), nickname);
    if (verified) {
      TestUsers.markVerifiedAdult(u.id());
    }
    return u;
  }

  /** The host creates a room and goes live over HTTP; returns the room id. */
  long liveRoom(TestUser host) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Evening show")
      .put("category", "music"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    assertThat(started.json().getString("status")).isEqualTo("live");
    return id;
  }

  /** A connected socket of this user (not subscribed to anything but their personal channel). */
  TestSocket connect(TestUser u) {
    TestSocket ws = TestSocket.open(node.httpPort());
    sockets.add(ws);
    ws.connect(u.accessToken());
    return ws;
  }

  /** A connected socket subscribed to the room's channel; fails the test if refused. */
  TestSocket watch(TestUser u, long roomId) {
    TestSocket ws = connect(u);
    JsonObject reply = subscribe(ws, roomId);
    assertThat(reply.containsKey("error")).as("subscribe: %s", reply).isFalse();
    return ws;
  }

  static JsonObject subscribe(TestSocket ws, long roomId) {
    return ws.request("subscribe", new JsonObject().put("channel", channel(roomId)));
  }

  /** Sends a chat message; returns the publish reply (result or error). */
  static JsonObject chat(TestSocket ws, long roomId, String text) {
    return ws.request("publish", new JsonObject().put("channel", channel(roomId))
      .put("data", new JsonObject().put("text", text)));
  }

  /** The next publication in the room whose data has this type; returns the whole {@code pub}. */
  static JsonObject awaitPub(TestSocket ws, long roomId, String type) {
    return ws.awaitPush(p -> channel(roomId).equals(p.getString("channel")) && p.containsKey("pub")
      && type.equals(p.getJsonObject("pub").getJsonObject("data").getString("type"))).getJsonObject("pub");
  }

  /** The protocol error code of a reply (fails if the reply is a success). */
  static int errorCode(JsonObject reply) {
    assertThat(reply.containsKey("error")).as("expected an error reply: %s", reply).isTrue();
    return reply.getJsonObject("error").getInteger("code");
  }

  static String channel(long roomId) {
    return "room:" + roomId;
  }

  /** Sends an authenticated request with a JSON body (PUT and DELETE included). */
  TestHttp.Response send(String method, String path, JsonObject body, TestUser as) {
    return http.send(method, path, body == null ? null : body.encode(),
      Map.of("Authorization", "Bearer " + as.accessToken()));
  }

  @Override
  public void close() {
    sockets.forEach(TestSocket::close);
  }
}
