package io.liveroom.ai;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.RpcMethod.RpcContext;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.liveroom.ai.AiTests.onLoop;
import static io.liveroom.ai.AiTests.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ai.chat relays a generation to the user's personal channel; ai.cancel and disconnects stop it")
class DialogueServiceTest {
  private static FakeUpstream upstream;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(() -> upstream = new FakeUpstream())
    .config(json -> {
      AiTests.openai(json, upstream.baseUrl());
      json.getJsonObject("ai").getJsonObject("openai").put("firstTokenTimeoutMs", 500);
      json.getJsonObject("ai").getJsonObject("quota").put("concurrentGenerations", 1);
      json.getJsonObject("ai").getJsonObject("moderation").put("blockedWords", new JsonArray().add("forbidden").add("badword"));
    })
    .build();
  private static RecordingRealtime realtime;
  private static DialogueService chat;
  private long userId;
  private RpcContext ctx;

  @BeforeAll
  static void boot() throws Exception {
    realtime = new RecordingRealtime();
    chat = node.get().ai().chat(realtime);
  }

  @AfterAll
  static void shutdown() throws Exception {
    upstream.close();
  }

  @BeforeEach
  void user() {
    userId = AiTests.newUser();
    ctx = new RpcContext(new Principal(userId, Role.USER, "s1"), "client-" + userId);
  }

  private long conversation(String systemPrompt) throws Exception {
    JsonObject body = new JsonObject().put("title", "t").put("systemPrompt", systemPrompt);
    return onLoop(node.get().vertx(), () -> node.get().ai().conversations().create(userId, body)).id();
  }

  private String send(long conversationId, String text, String requestId) throws Exception {
    JsonObject params = new JsonObject().put("conversationId", conversationId).put("text", text).put("requestId", requestId);
    JsonObject reply = onLoop(node.get().vertx(), () -> chat.chat(ctx, params));
    assertThat(reply.getString("channel")).isEqualTo("#" + userId);
    return reply.getString("generationId");
  }

  private void awaitDeltaText(String generationId, String text) throws InterruptedException {
    Await.within(5_000, 5, () -> deltaText(realtime.of(generationId)).equals(text));
    assertThat(deltaText(realtime.of(generationId))).isEqualTo(text);
  }

  private static String deltaText(List<JsonObject> publications) {
    StringBuilder b = new StringBuilder();
    publications.stream().filter(p -> p.getString("type").equals("delta")).forEach(p -> b.append(p.getString("text")));
    return b.toString();
  }

  @Test
  @DisplayName("start, ordered deltas and exactly one done with the upstream's usage; the answer is saved")
  void fullRelay() throws Exception {
    upstream.reset(FakeUpstream.Mode.STREAM);
    long conv = conversation("Be brief.");
    String id = send(conv, "Hi there", "r1");
    List<JsonObject> pubs = realtime.awaitEnd(id);

    assertThat(realtime.publications).filteredOn(p -> id.equals(p.data().getString("generationId")))
      .allMatch(p -> p.channel().equals("#" + userId));
    assertThat(pubs.get(0).getString("type")).isEqualTo("start");
    assertThat(pubs.get(0).getString("requestId")).isEqualTo("r1");
    List<JsonObject> deltas = pubs.subList(1, pubs.size() - 1);
    assertThat(deltas).allMatch(p -> p.getString("type").equals("delta"));
    for (int i = 0; i < deltas.size(); i++) {
      assertThat(deltas.get(i).getInteger("seq")).isEqualTo(i);
    }
    assertThat(deltaText(pubs)).isEqualTo(String.join("", FakeUpstream.TOKENS));
    JsonObject done = pubs.get(pubs.size() - 1);
    assertThat(done.getString("type")).isEqualTo("done");
    assertThat(done.getJsonObject("usage").getInteger("promptTokens")).isEqualTo(11);
    assertThat(done.getJsonObject("usage").getInteger("completionTokens")).isEqualTo(FakeUpstream.TOKENS.size());
    assertThat(done.getJsonObject("usage").getBoolean("estimated")).isFalse();

    JsonArray sent = upstream.bodies.peek().getJsonArray("messages");
    assertThat(sent.getJsonObject(0).getString("role")).isEqualTo("system");
    assertThat(sent.getJsonObject(sent.size() - 1).getString("content")).isEqualTo("Hi there");
    assertThat(sql("SELECT status || ':' || content FROM ai_messages WHERE id = " + done.getLong("messageId"), String.class))
      .isEqualTo("complete:" + String.join("", FakeUpstream.TOKENS));
    assertThat(sql("SELECT status FROM ai_usage WHERE generation_id = '" + id + "'", String.class)).isEqualTo("complete");
  }

  @Test
  @DisplayName("ai.cancel closes the upstream connection within 1 s and saves the partial answer as cancelled")
  void cancelByRpc() throws Exception {
    upstream.reset(FakeUpstream.Mode.STALL_AFTER_TOKENS);
    String id = send(conversation(null), "Tell me", "r1");
    awaitDeltaText(id, "Hello, world");
    long at = System.nanoTime();
    JsonObject reply = onLoop(node.get().vertx(), () -> chat.cancel(ctx, new JsonObject().put("generationId", id)));
    assertThat(reply.getBoolean("cancelled")).isTrue();
    assertThat(FakeUpstreamWait.closedWithin(upstream, at, 1000)).isTrue();
    assertCancelledAndSaved(id);
  }

  @Test
  @DisplayName("A disconnect of the starting connection cancels its generation the same way")
  void cancelByDisconnect() throws Exception {
    upstream.reset(FakeUpstream.Mode.STALL_AFTER_TOKENS);
    String id = send(conversation(null), "Tell me", "r1");
    awaitDeltaText(id, "Hello, world");
    long at = System.nanoTime();
    chat.disconnected(userId, "some-other-connection");
    chat.disconnected(userId, ctx.clientId());
    assertThat(FakeUpstreamWait.closedWithin(upstream, at, 1000)).isTrue();
    assertCancelledAndSaved(id);
  }

  private void assertCancelledAndSaved(String id) throws InterruptedException {
    List<JsonObject> pubs = realtime.awaitEnd(id);
    JsonObject end = pubs.get(pubs.size() - 1);
    assertThat(end.getString("type")).isEqualTo("error");
    assertThat(end.getString("code")).isEqualTo("ai_cancelled");
    assertThat(pubs).filteredOn(p -> List.of("done", "error").contains(p.getString("type"))).hasSize(1);
    assertThat(sql("SELECT status || ':' || content FROM ai_messages WHERE role = 'assistant' AND generation_id = '"
      + id + "'", String.class)).isEqualTo("cancelled:Hello, world");
    assertThat(sql("SELECT status FROM ai_usage WHERE estimated AND generation_id = '" + id + "'", String.class))
      .isEqualTo("cancelled");
  }

  @Test
  @DisplayName("No first token in time ends with an error publication carrying ai_upstream_timeout")
  void firstTokenTimeout() throws Exception {
    upstream.reset(FakeUpstream.Mode.STALL);
    String id = send(conversation(null), "Hello?", "r1");
    List<JsonObject> pubs = realtime.awaitEnd(id);
    assertThat(pubs.get(pubs.size() - 1).getString("code")).isEqualTo("ai_upstream_timeout");
    assertThat(sql("SELECT status || ':' || error_code FROM ai_usage WHERE generation_id = '" + id + "'", String.class))
      .isEqualTo("error:ai_upstream_timeout");
  }

  @Test
  @DisplayName("Repeating a requestId returns the same generation and starts nothing new")
  void requestIdIsIdempotent() throws Exception {
    upstream.reset(FakeUpstream.Mode.STREAM);
    long conv = conversation(null);
    String first = send(conv, "Once", "same-id");
    realtime.awaitEnd(first);
    assertThat(send(conv, "Once", "same-id")).isEqualTo(first);
    assertThat(upstream.requests.get()).isEqualTo(1);
    assertThat(sql("SELECT count(*) FROM ai_messages WHERE role = 'user' AND conversation_id = " + conv, Long.class))
      .isEqualTo(1L);
  }

  @Test
  @DisplayName("A generation above the concurrent limit is refused with ai_too_many_generations")
  void concurrentLimit() throws Exception {
    upstream.reset(FakeUpstream.Mode.STALL_AFTER_TOKENS);
    long conv = conversation(null);
    String running = send(conv, "One", "r1");
    assertThatThrownBy(() -> send(conv, "Two", "r2"))
      .isInstanceOfSatisfying(AppException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.AI_TOO_MANY_GENERATIONS);
        assertThat(e.retryAfterSeconds()).isPositive();
      });
    onLoop(node.get().vertx(), () -> chat.cancel(ctx, new JsonObject().put("generationId", running)));
    realtime.awaitEnd(running);
    assertThat(sql("SELECT count(*) FROM ai_messages WHERE request_id = 'r2'", Long.class)).isZero();
  }

  @Test
  @DisplayName("Blocked input is refused with ai_content_blocked before anything goes upstream")
  void inputModeration() throws Exception {
    upstream.reset(FakeUpstream.Mode.STREAM);
    long conv = conversation(null);
    assertThatThrownBy(() -> send(conv, "say something FORBIDDEN", "r1"))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AI_CONTENT_BLOCKED));
    assertThat(upstream.requests.get()).isZero();
  }

  @Test
  @DisplayName("Output with a blocked term split across deltas stops the generation before the term goes out")
  void outputModeration() throws Exception {
    upstream.reset(FakeUpstream.Mode.STREAM);
    upstream.tokens = List.of("Say", " bad", "wo", "rd", " now");
    String id = send(conversation(null), "Greet me", "r1");
    List<JsonObject> pubs = realtime.awaitEnd(id);
    assertThat(pubs.get(pubs.size() - 1).getString("code")).isEqualTo("ai_content_blocked");
    assertThat(deltaText(pubs)).isEqualTo("Say badwo");
    assertThat(FakeUpstreamWait.closedWithin(upstream, System.nanoTime() - 2_000_000_000L, 3000)).isTrue();
  }

  @Test
  @DisplayName("Another user's conversation is not found, and bad params are field errors")
  void ownershipAndValidation() throws Exception {
    long conv = conversation(null);
    RpcContext stranger = new RpcContext(new Principal(AiTests.newUser(), Role.USER, "s2"), "c2");
    JsonObject params = new JsonObject().put("conversationId", conv).put("text", "hi").put("requestId", "r1");
    assertThatThrownBy(() -> onLoop(node.get().vertx(), () -> chat.chat(stranger, params)))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AI_CONVERSATION_NOT_FOUND));
    assertThatThrownBy(() -> onLoop(node.get().vertx(), () -> chat.chat(ctx, new JsonObject().put("conversationId", "x"))))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.fieldErrors()).extracting(f -> f.field())
        .containsExactlyInAnyOrder("conversationId", "text", "requestId"));
  }
}
