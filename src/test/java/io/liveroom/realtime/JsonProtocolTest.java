package io.liveroom.realtime;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The JSON client protocol: every command, batched frames and error replies")
class JsonProtocolTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().onStart(TestChannels::register).build();

  static String token(long userId) {
    return node.get().accessTokens().issue(userId, Role.USER, "s-" + userId);
  }

  static String channel(String ns) {
    return ns + ":" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @DisplayName("connect answers with a client id, server ping interval, pong on, and the personal channel subscribed")
  void connect() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      JsonObject result = ws.connect(token(1));
      assertThat(result.getString("client")).isNotBlank();
      assertThat(result.getInteger("ping")).isEqualTo(25);
      assertThat(result.getBoolean("pong")).isTrue();
      assertThat(result.getBoolean("expires")).isTrue();
      assertThat(result.getInteger("ttl")).isBetween(800, 900);
      assertThat(result.getJsonObject("subs").fieldNames()).containsExactly("user:1");
    }
  }

  @Test
  @DisplayName("subscribe, then publish: both subscribers get the publication with its offset and the publisher's info")
  void publishReachesSubscribers() {
    String ch = channel("chat");
    try (TestSocket a = TestSocket.open(node.httpPort()); TestSocket b = TestSocket.open(node.httpPort())) {
      a.connect(token(2));
      b.connect(token(3));
      JsonObject sub = a.request("subscribe", new JsonObject().put("channel", ch)).getJsonObject("subscribe");
      assertThat(sub.getBoolean("recoverable")).isTrue();
      // The server checks every offset and makes the client recover on a gap: positioned too.
      assertThat(sub.getBoolean("positioned")).isTrue();
      assertThat(sub.getString("epoch")).isNotBlank();
      b.request("subscribe", new JsonObject().put("channel", ch));

      JsonObject reply = a.request("publish", new JsonObject().put("channel", ch).put("data", new JsonObject().put("text", "hi")));
      assertThat(reply.containsKey("publish")).isTrue();

      for (TestSocket s : new TestSocket[] {a, b}) {
        JsonObject push = s.awaitPush(p -> p.containsKey("pub"));
        assertThat(push.getString("channel")).isEqualTo(ch);
        assertThat(push.getJsonObject("pub").getJsonObject("data")).isEqualTo(new JsonObject().put("text", "hi"));
        assertThat(push.getJsonObject("pub").getLong("offset")).isEqualTo(1L);
        assertThat(push.getJsonObject("pub").getJsonObject("info").getString("user")).isEqualTo("2");
      }
    }
  }

  @Test
  @DisplayName("several commands in one frame get one reply each; replies may share frames")
  void batchedCommands() {
    String ch = channel("chat");
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(4));
      int s = ws.nextId();
      int p = ws.nextId();
      int st = ws.nextId();
      ws.sendRaw(new JsonObject().put("id", s).put("subscribe", new JsonObject().put("channel", ch)).encode() + "\n"
        + new JsonObject().put("id", p).put("ping", new JsonObject()).encode() + "\n"
        + new JsonObject().put("id", st).put("presence_stats", new JsonObject().put("channel", ch)).encode());
      assertThat(ws.awaitReply(s).containsKey("subscribe")).isTrue();
      assertThat(ws.awaitReply(p).containsKey("ping")).isTrue();
      JsonObject stats = ws.awaitReply(st);
      assertThat(stats.getJsonObject("presence_stats")).as("presence_stats reply %s", stats).isNotNull();
      // Zero values are left out of JSON replies (as the reference server does), and the batch may
      // count presence before or after its own subscribe lands: 0 (absent) or 1.
      assertThat(stats.getJsonObject("presence_stats").getInteger("num_clients", 0)).isBetween(0, 1);
    }
  }

  @Test
  @DisplayName("history returns the kept publications and the stream top; presence and presence_stats list the subscribers")
  void historyAndPresence() {
    String ch = channel("chat");
    try (TestSocket a = TestSocket.open(node.httpPort()); TestSocket b = TestSocket.open(node.httpPort())) {
      a.connect(token(5));
      b.connect(token(6));
      a.request("subscribe", new JsonObject().put("channel", ch));
      b.request("subscribe", new JsonObject().put("channel", ch));
      for (int i = 1; i <= 3; i++) {
        a.request("publish", new JsonObject().put("channel", ch).put("data", new JsonObject().put("n", i)));
      }
      JsonObject h = a.request("history", new JsonObject().put("channel", ch).put("limit", -1)).getJsonObject("history");
      assertThat(h.getLong("offset")).isEqualTo(3L);
      JsonArray pubs = h.getJsonArray("publications");
      assertThat(pubs).hasSize(3);
      assertThat(pubs.getJsonObject(2).getJsonObject("data").getInteger("n")).isEqualTo(3);

      JsonObject since = a.request("history", new JsonObject().put("channel", ch).put("limit", 10)
        .put("since", new JsonObject().put("offset", 2).put("epoch", h.getString("epoch")))).getJsonObject("history");
      assertThat(since.getJsonArray("publications")).hasSize(1);

      JsonObject stats = a.request("presence_stats", new JsonObject().put("channel", ch)).getJsonObject("presence_stats");
      assertThat(stats.getInteger("num_clients")).isEqualTo(2);
      assertThat(stats.getInteger("num_users")).isEqualTo(2);
      JsonObject presence = a.request("presence", new JsonObject().put("channel", ch)).getJsonObject("presence")
        .getJsonObject("presence");
      assertThat(presence.size()).isEqualTo(2);

      b.request("unsubscribe", new JsonObject().put("channel", ch));
      JsonObject leave = a.awaitPush(p -> p.containsKey("leave"));
      assertThat(leave.getJsonObject("leave").getJsonObject("info").getString("user")).isEqualTo("6");
      stats = a.request("presence_stats", new JsonObject().put("channel", ch)).getJsonObject("presence_stats");
      assertThat(stats.getInteger("num_clients")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("rpc calls a registered method; an unknown method is error 104")
  void rpc() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(7));
      JsonObject r = ws.request("rpc", new JsonObject().put("method", "test.echo").put("data", new JsonObject().put("x", 1)));
      assertThat(r.getJsonObject("rpc").getJsonObject("data")).isEqualTo(new JsonObject().put("x", 1).put("user", 7));
      JsonObject missing = ws.request("rpc", new JsonObject().put("method", "nope"));
      assertThat(missing.getJsonObject("error").getInteger("code")).isEqualTo(104);
    }
  }

  @Test
  @DisplayName("refused commands get the reference error codes: 102, 103, 105, 107, 108")
  void errorCodes() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(8));
      assertThat(errorOf(ws.request("subscribe", new JsonObject().put("channel", "nosuch:1")))).isEqualTo(102);
      assertThat(errorOf(ws.request("subscribe", new JsonObject().put("channel", "locked:1")))).isEqualTo(103);
      assertThat(errorOf(ws.request("subscribe", new JsonObject().put("channel", "no colon")))).isEqualTo(107);
      assertThat(errorOf(ws.request("subscribe", new JsonObject().put("channel", "user:999")))).isEqualTo(103);
      String ch = channel("chat");
      ws.request("subscribe", new JsonObject().put("channel", ch));
      assertThat(errorOf(ws.request("subscribe", new JsonObject().put("channel", ch)))).isEqualTo(105);
      assertThat(errorOf(ws.request("publish", new JsonObject().put("channel", "news:1").put("data", new JsonObject()))))
        .isEqualTo(103);
      assertThat(errorOf(ws.request("publish", new JsonObject().put("channel", ch).put("data", "not an object"))))
        .isEqualTo(107);
      JsonObject noHistory = ws.request("history", new JsonObject().put("channel", "feed:1"));
      assertThat(errorOf(noHistory)).isEqualTo(108);
      // As in the reference: retrying cannot help, so SDKs must not be told it is temporary.
      assertThat(noHistory.getJsonObject("error").getBoolean("temporary", false)).isFalse();
      assertThat(errorOf(ws.request("presence", new JsonObject().put("channel", "feed:1")))).isEqualTo(108);
      // send is accepted without a reply; the connection is still fine afterwards.
      ws.send("send", new JsonObject().put("data", new JsonObject()));
      assertThat(ws.request("ping", new JsonObject()).containsKey("ping")).isTrue();
    }
  }

  @Test
  @DisplayName("the server API publishes, sends to a user, unsubscribes and disconnects a user")
  void serverApi() {
    String ch = channel("news");
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(9));
      ws.request("subscribe", new JsonObject().put("channel", ch));
      Realtime.PublishResult r = node.get().realtime().publish(ch, new JsonObject().put("headline", "x"))
        .toCompletionStage().toCompletableFuture().join();
      assertThat(r.offset()).isEqualTo(1L);
      assertThat(ws.awaitPush(p -> p.containsKey("pub")).getJsonObject("pub").getJsonObject("data").getString("headline"))
        .isEqualTo("x");

      node.get().realtime().sendToUser(9, new JsonObject().put("hello", true)).toCompletionStage().toCompletableFuture().join();
      assertThat(ws.awaitPush(p -> p.containsKey("message")).getJsonObject("message").getJsonObject("data"))
        .isEqualTo(new JsonObject().put("hello", true));

      node.get().realtime().unsubscribeUser(9, ch).toCompletionStage().toCompletableFuture().join();
      JsonObject unsub = ws.awaitPush(p -> p.containsKey("unsubscribe"));
      assertThat(unsub.getString("channel")).isEqualTo(ch);
      assertThat(unsub.getJsonObject("unsubscribe").getInteger("code")).isEqualTo(2000);

      node.get().realtime().disconnectUser(9, DisconnectCode.SESSION_REVOKED).toCompletionStage().toCompletableFuture().join();
      assertThat(ws.awaitClose()).isEqualTo(4500);
    }
  }

  @Test
  @DisplayName("bad tokens: an expired one is error 109 on connect, a forged one closes with 3500")
  void badTokens() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      String expired = expiredToken(10);
      assertThat(errorOf(ws.request("connect", new JsonObject().put("token", expired)))).isEqualTo(109);
    }
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.send("connect", new JsonObject().put("token", token(10) + "x"));
      assertThat(ws.awaitClose()).isEqualTo(3500);
    }
  }

  @Test
  @DisplayName("bad frames close with the documented codes and the node stays healthy")
  void badFrames() {
    assertThat(closeAfter(ws -> ws.sendRaw("{not json"))).isEqualTo(3501);
    assertThat(closeAfter(ws -> ws.sendRaw("[1,2]"))).isEqualTo(3501);
    assertThat(closeAfter(ws -> ws.sendRaw("{\"id\":1,\"subscribe\":{\"channel\":\"chat:1\"}}"))).isEqualTo(3501);
    assertThat(closeAfter(ws -> ws.sendRaw("{\"id\":1,\"subscribe\":{\"channel\":7}}"))).isEqualTo(3501);
    assertThat(closeAfter(ws -> {
      ws.connect(token(11));
      ws.sendRaw("{\"id\":5,\"frobnicate\":{}}");
    })).isEqualTo(3501);
    assertThat(closeAfter(ws -> ws.sendBinary(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2}))).isEqualTo(3501);
    assertThat(closeAfter(ws -> ws.sendRawNoWait("{\"id\":1,\"ping\":{},\"pad\":\"" + "x".repeat(70_000) + "\"}")))
      .isEqualTo(1009);
    assertThat(new TestHttp(node.httpPort()).get("/health/ready").status()).isEqualTo(200);
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      assertThat(ws.connect(token(12)).getString("client")).isNotBlank();
    }
  }

  @Test
  @DisplayName("on the Protobuf subprotocol, a malformed length prefix or message closes with 3501")
  void badProtobufFrames() {
    for (byte[] frame : new byte[][] {
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1},
      {10, 1, 2},
      {3, (byte) 0x8a, (byte) 0xff, (byte) 0xff}}) {
      try (TestSocket ws = TestSocket.openProtobuf(node.httpPort())) {
        assertThat(ws.subprotocol()).isEqualTo("centrifuge-protobuf");
        ws.sendBinary(frame);
        assertThat(ws.awaitClose()).isEqualTo(3501);
      }
    }
    assertThat(new TestHttp(node.httpPort()).get("/health/live").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("an Origin outside the allow-list is refused before the upgrade; no Origin (native app) is allowed")
  void origin() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
      () -> TestSocket.open(node.httpPort(), java.util.Map.of("Origin", "https://evil.example")))
      .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
      .hasStackTraceContaining("403");
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      assertThat(ws.connect(token(13))).isNotNull();
    }
  }

  /** A correctly signed access token whose exp is a minute in the past. */
  static String expiredToken(long userId) {
    io.liveroom.config.AuthConfig auth = node.get().config().auth();
    io.vertx.ext.auth.jwt.JWTAuth jwt = io.vertx.ext.auth.jwt.JWTAuth.create(node.get().vertx(), new io.vertx.ext.auth.jwt.JWTAuthOptions()
      .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("HS256").setBuffer(auth.jwtSecret())));
    long now = System.currentTimeMillis() / 1000;
    return jwt.generateToken(new JsonObject().put("typ", "access").put("sid", "s").put("role", Role.USER.wire())
        .put("sub", Long.toString(userId)).put("iss", auth.issuer()).put("aud", auth.audience())
        .put("iat", now - 120).put("exp", now - 60),
      new io.vertx.ext.auth.JWTOptions().setAlgorithm("HS256"));
  }

  private static int closeAfter(java.util.function.Consumer<TestSocket> action) {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      action.accept(ws);
      return ws.awaitClose();
    }
  }

  private static int errorOf(JsonObject reply) {
    assertThat(reply.containsKey("error")).as("error reply: %s", reply).isTrue();
    return reply.getJsonObject("error").getInteger("code");
  }
}
