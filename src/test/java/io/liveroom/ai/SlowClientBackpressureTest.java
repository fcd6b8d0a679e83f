package io.liveroom.ai;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod.RpcContext;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A client that stops reading pauses the upstream instead of making the node buffer the answer")
class SlowClientBackpressureTest {
  private static final long FLOOD = 256L * 1024 * 1024;
  private static FakeUpstream upstream;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(() -> upstream = new FakeUpstream())
    .config(json -> AiTests.openai(json, upstream.baseUrl()))
    .build();

  @AfterAll
  static void shutdown() throws Exception {
    upstream.close();
  }

  @Test
  @DisplayName("The upstream's writes stall far below the answer's size while the client reads nothing, and a hang-up cancels")
  void upstreamIsPaused() throws Exception {
    upstream.reset(FakeUpstream.Mode.FLOOD);
    upstream.floodBytes = FLOOD;
    long userId = AiTests.newUser();
    String token = node.get().accessTokens().issue(userId, Role.USER, "s1");
    String body = new JsonObject().put("model", "chat").put("stream", true)
      .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "flood me"))).encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
      socket.setReceiveBufferSize(16 * 1024);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[4096];
      assertThat(in.read(head)).isPositive();
      assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");

      long settled = awaitStall();
      assertThat(upstream.floodStalls.get()).isPositive();
      assertThat(settled).isLessThan(FLOOD / 4);
    }
    long closedAt = System.nanoTime();
    assertThat(FakeUpstreamWait.closedWithin(upstream, closedAt - 1_000_000_000L, 3000)).isTrue();
    String status = Await.value(10_000, () -> AiTests.sql("SELECT status FROM ai_usage WHERE user_id = " + userId,
      String.class), java.util.Objects::nonNull);
    assertThat(status).isEqualTo("cancelled");
  }

  @Test
  @DisplayName("A broker that stops acknowledging pauses the upstream too; the socket relay holds a bounded backlog")
  void slowBrokerPausesUpstream() throws Exception {
    upstream.reset(FakeUpstream.Mode.FLOOD);
    upstream.floodBytes = FLOOD;
    long userId = AiTests.newUser();
    StalledRealtime stalled = new StalledRealtime();
    DialogueService chat = node.get().ai().chat(stalled);
    RpcContext ctx = new RpcContext(new Principal(userId, Role.USER, "s1"), "c1");
    long conv = AiTests.onLoop(node.get().vertx(), () -> node.get().ai().conversations().create(userId, new JsonObject())).id();
    String id = AiTests.onLoop(node.get().vertx(), () -> chat.chat(ctx, new JsonObject().put("conversationId", conv)
      .put("text", "flood me").put("requestId", "r1"))).getString("generationId");

    long settled = awaitStall();
    assertThat(settled).isLessThan(FLOOD / 4);
    assertThat(stalled.published.get()).isEqualTo(1);  // only "start", never acknowledged
    AiTests.onLoop(node.get().vertx(), () -> chat.cancel(ctx, new JsonObject().put("generationId", id)));
  }

  /** A Realtime whose publications are never acknowledged, like a broker that stopped answering. */
  static final class StalledRealtime extends io.liveroom.support.RecordingRealtime {
    final java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Future<PublishResult> publish(String channel, JsonObject data) {
      published.incrementAndGet();
      return Promise.<PublishResult>promise().future();
    }
  }

  /** Waits until the upstream has written nothing new for 300 ms; returns the bytes it got out. */
  private static long awaitStall() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = upstream.floodWritten.get();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
      // A stall is defined over time: nothing new written during a whole 300 ms window.
      Thread.sleep(300);
    }
    throw new AssertionError("the upstream never stalled; it wrote " + upstream.floodWritten.get() + " bytes");
  }
}
