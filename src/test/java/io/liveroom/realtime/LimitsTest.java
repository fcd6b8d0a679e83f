package io.liveroom.realtime;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Limits and protection: slow consumers, pongs, rate limit, channel and connection limits, timeouts, shutdown")
class LimitsTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("realtime")
      .put("pingIntervalSeconds", 1).put("pongTimeoutSeconds", 1).put("handshakeTimeoutSeconds", 1)
      .put("commandsPerSecond", 5).put("commandBurst", 5).put("rateLimitWarnings", 3)
      .put("maxChannelsPerConnection", 3).put("maxConnectionsPerUser", 2).put("maxQueueBytes", 65536))
    .onStart(TestChannels::register)
    .build();

  private static TestSocket client(long userId) {
    return client(node.get(), userId);
  }

  private static TestSocket client(Node node, long userId) {
    TestSocket ws = TestSocket.open(node.httpPort());
    ws.connect(node.accessTokens().issue(userId, Role.USER, "s" + userId));
    return ws;
  }

  @Test
  @DisplayName("a client that stops reading is dropped as slow while another subscriber receives every publication")
  void slowConsumer() {
    // Its own node with the default ping interval: a non-reading client must fail on its queue, not on pongs.
    Node node = TestNodes.start(json -> json.getJsonObject("realtime").put("maxQueueBytes", 65536));
    TestChannels.register(node);
    String ch = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    String payload = "x".repeat(8000);
    try (TestSocket slow = client(node, 301); TestSocket fast = client(node, 302)) {
      slow.request("subscribe", new JsonObject().put("channel", ch));
      fast.request("subscribe", new JsonObject().put("channel", ch));
      slow.stopReading();
      int published = 0;
      while (node.realtimeServer().connectionCount() > 1 && published < 20_000) {
        node.realtime().publish(ch, new JsonObject().put("n", published).put("p", payload))
          .toCompletionStage().toCompletableFuture().join();
        published++;
        int n = published - 1;
        fast.awaitPush(p -> p.containsKey("pub") && p.getJsonObject("pub").getJsonObject("data").getInteger("n") == n);
      }
      assertThat(node.realtimeServer().connectionCount()).isEqualTo(1);
      assertThat(new TestHttp(node.httpPort()).get("/metrics").body())
        .containsPattern("realtime_disconnects_total\\{code=\"3008\"[^}]*\\} [1-9]")
        .containsPattern("realtime_slow_dropped_total\\{[^}]*\\} [1-9]");
      // The fast subscriber is still served after the drop.
      node.realtime().publish(ch, new JsonObject().put("n", -1)).toCompletionStage().toCompletableFuture().join();
      assertThat(fast.awaitPush(p -> p.containsKey("pub") && p.getJsonObject("pub").getJsonObject("data")
        .getInteger("n") == -1)).isNotNull();
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("the server pings; a client that stops answering pongs is closed with 3012")
  void noPong() {
    try (TestSocket ws = client(303)) {
      ws.await(JsonObject::isEmpty, "server ping");
      ws.stopPonging();
      assertThat(ws.awaitClose()).isEqualTo(3012);
    }
  }

  @Test
  @DisplayName("too many commands: error 111 first, then a 3013 disconnect")
  void rateLimit() {
    try (TestSocket ws = client(304)) {
      StringBuilder frame = new StringBuilder();
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int id = ws.nextId();
        ids.add(id);
        frame.append(new JsonObject().put("id", id).put("ping", new JsonObject()).encode()).append('\n');
      }
      ws.sendRaw(frame.toString());
      // Burst 5 (connect took one): 4 pings pass, the next 3 are warned with 111, then the socket closes.
      assertThat(ws.awaitReply(ids.get(3)).containsKey("ping")).isTrue();
      JsonObject warned = ws.awaitReply(ids.get(4));
      assertThat(warned.getJsonObject("error").getInteger("code")).isEqualTo(111);
      assertThat(warned.getJsonObject("error").getBoolean("temporary")).isTrue();
      assertThat(ws.awaitClose()).isEqualTo(3013);
    }
  }

  @Test
  @DisplayName("channels per connection (error 106) and connections per user (close 3504) are bounded")
  void channelAndConnectionLimits() {
    try (TestSocket ws = client(305)) {
      // The personal channel counts: two more fit under a limit of 3.
      ws.request("subscribe", new JsonObject().put("channel", "chat:l1"));
      ws.request("subscribe", new JsonObject().put("channel", "chat:l2"));
      assertThat(ws.request("subscribe", new JsonObject().put("channel", "chat:l3")).getJsonObject("error")
        .getInteger("code")).isEqualTo(106);
    }
    try (TestSocket one = client(306); TestSocket two = client(306); TestSocket three = TestSocket.open(node.httpPort())) {
      three.send("connect", new JsonObject().put("token", node.get().accessTokens().issue(306, Role.USER, "s")));
      assertThat(three.awaitClose()).isEqualTo(3504);
      assertThat(one.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("a socket that never sends connect is closed with 3502 after the handshake timeout")
  void handshakeTimeout() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      assertThat(ws.awaitClose()).isEqualTo(3502);
    }
  }

  @Test
  @DisplayName("stopping a node closes its sockets with the shutdown code 3001 (SDKs reconnect elsewhere)")
  void shutdownCode() {
    Node other = TestNodes.start();
    try (TestSocket ws = TestSocket.open(other.httpPort())) {
      ws.connect(other.accessTokens().issue(307, Role.USER, "s"));
      TestNodes.stop(other);
      assertThat(ws.awaitClose()).isEqualTo(3001);
    }
  }
}
