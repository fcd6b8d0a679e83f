package io.liveroom.ai;

import io.liveroom.Node;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AI dialogue as the app uses it: a conversation made over HTTP, {@code ai.chat} and
 * {@code ai.cancel} over the real WebSocket, the answer streamed to the personal channel by the
 * {@code simulated} provider (slowed to 25 tokens/s so a cancel lands mid-answer).
 */
@DisplayName("AI dialogue over the real WebSocket with the simulated provider")
class AiSocketTest {
  private static final int REPLY_TOKENS = 40;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("simulated")
      .put("tokensPerSecond", 25).put("replyTokens", REPLY_TOKENS))
    .build();
  private static final TestHttp http = node.http();

  /** A signed-in user with a fresh conversation and a connected socket. */
  private record Chatter(TestUser user, long conversationId, TestSocket ws, String personal) {
  }

  private Chatter chatter() {
    TestUser u = TestUsers.register(http);
    TestHttp.Response created = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "Questions"),
      u.accessToken());
    assertThat(created.status()).as("create conversation: %s", created).isEqualTo(201);
    TestSocket ws = node.socket();
    JsonObject connected = ws.connect(u.accessToken());
    String personal = connected.getJsonObject("subs").fieldNames().iterator().next();
    return new Chatter(u, created.json().getLong("id"), ws, personal);
  }

  private static String chat(Chatter c, String text) {
    JsonObject reply = c.ws.request("rpc", new JsonObject().put("method", "ai.chat").put("data", new JsonObject()
      .put("conversationId", c.conversationId).put("text", text).put("requestId", "r-" + UUID.randomUUID())));
    assertThat(reply.containsKey("error")).as("ai.chat: %s", reply).isFalse();
    JsonObject result = reply.getJsonObject("rpc").getJsonObject("data");
    assertThat(result.getString("channel")).isEqualTo(c.personal);
    return result.getString("generationId");
  }

  /** The next publication of this generation on the personal channel (its data). */
  private static JsonObject next(Chatter c, String generationId) {
    return c.ws.awaitPush(p -> c.personal.equals(p.getString("channel")) && p.containsKey("pub")
      && generationId.equals(p.getJsonObject("pub").getJsonObject("data").getString("generationId")))
      .getJsonObject("pub").getJsonObject("data");
  }

  @Test
  @DisplayName("ai.chat streams start, ordered deltas and one done with usage to the personal channel; the answer is stored")
  void fullAnswer() {
    Chatter c = chatter();
    String id = chat(c, "Tell me about live streaming");

    JsonObject start = next(c, id);
    assertThat(start.getString("type")).isEqualTo("start");
    assertThat(start.getString("model")).isEqualTo("simulated");
    assertThat(start.getLong("conversationId")).isEqualTo(c.conversationId);
    StringBuilder answer = new StringBuilder();
    int expectedSeq = 0;
    JsonObject p = next(c, id);
    while ("delta".equals(p.getString("type"))) {
      assertThat(p.getInteger("seq")).isEqualTo(expectedSeq++);
      answer.append(p.getString("text"));
      p = next(c, id);
    }
    assertThat(p.getString("type")).isEqualTo("done");
    assertThat(p.getString("status")).isEqualTo("complete");
    JsonObject usage = p.getJsonObject("usage");
    assertThat(usage.getInteger("completionTokens")).isEqualTo(REPLY_TOKENS);
    assertThat(usage.getInteger("promptTokens")).isPositive();
    assertThat(usage.getInteger("totalTokens")).isEqualTo(usage.getInteger("promptTokens") + REPLY_TOKENS);
    assertThat(expectedSeq).isPositive();

    StoredAnswer stored = answer(id);
    assertThat(stored.status()).isEqualTo("complete");
    assertThat(stored.content()).isEqualTo(answer.toString());
    assertThat(stored.messageId()).isEqualTo(p.getLong("messageId"));
    assertThat(usageStatus(id)).isEqualTo("complete");
  }

  @Test
  @DisplayName("ai.cancel stops a running generation: an error publication (ai_cancelled) and the partial answer saved as cancelled")
  void cancelByRpc() {
    Chatter c = chatter();
    String id = chat(c, "Write me a long story");
    assertThat(next(c, id).getString("type")).isEqualTo("start");
    StringBuilder received = new StringBuilder(next(c, id).getString("text"));

    JsonObject cancel = c.ws.request("rpc", new JsonObject().put("method", "ai.cancel")
      .put("data", new JsonObject().put("generationId", id)));
    assertThat(cancel.containsKey("error")).as("ai.cancel: %s", cancel).isFalse();
    assertThat(cancel.getJsonObject("rpc").getJsonObject("data").getBoolean("cancelled")).isTrue();
    JsonObject p = next(c, id);
    while ("delta".equals(p.getString("type"))) {
      received.append(p.getString("text"));
      p = next(c, id);
    }
    assertThat(p.getString("type")).isEqualTo("error");
    assertThat(p.getString("code")).isEqualTo("ai_cancelled");
    assertThat(p.getString("status")).isEqualTo("cancelled");
    assertThat(p.getJsonObject("usage").getInteger("completionTokens")).isLessThan(REPLY_TOKENS);

    StoredAnswer stored = answer(id);
    assertThat(stored.status()).isEqualTo("cancelled");
    assertThat(stored.content()).isEqualTo(received.toString()).isNotEmpty();
    assertThat(usageStatus(id)).isEqualTo("cancelled");

    JsonObject again = c.ws.request("rpc", new JsonObject().put("method", "ai.cancel")
      .put("data", new JsonObject().put("generationId", id)));
    assertThat(again.getJsonObject("error").getInteger("code")).isEqualTo(1401);
  }

  @Test
  @DisplayName("Closing the socket cancels the generation it started; the partial answer is saved as cancelled in PostgreSQL")
  void cancelByDisconnect() {
    Chatter c = chatter();
    String id = chat(c, "Explain recovery in detail");
    assertThat(next(c, id).getString("type")).isEqualTo("start");
    String firstDelta = next(c, id).getString("text");
    c.ws.close();

    StoredAnswer stored = Await.value(5_000, () -> answerOrNull(id), java.util.Objects::nonNull);
    assertThat(stored).as("the answer row after the disconnect").isNotNull();
    assertThat(stored.status()).isEqualTo("cancelled");
    assertThat(stored.content()).startsWith(firstDelta);
    assertThat(stored.content().split(" ", -1).length).isLessThan(REPLY_TOKENS + 1);
    assertThat(usageStatus(id)).isEqualTo("cancelled");
  }

  @Test
  @DisplayName("A node shutting down cancels its running generations and still saves the partial answers")
  void shutdownSavesPartialAnswers() {
    Node other = TestNodes.start(json -> json.getJsonObject("ai").getJsonObject("simulated")
      .put("tokensPerSecond", 25).put("replyTokens", REPLY_TOKENS));
    Chatter c;
    try {
      TestHttp otherHttp = new TestHttp(other.httpPort());
      TestUser u = TestUsers.register(otherHttp);
      TestHttp.Response created = otherHttp.post("/api/v1/ai/conversations", new JsonObject().put("title", "Q"),
        u.accessToken());
      TestSocket ws = TestSocket.open(other.httpPort());
      node.track(ws);
      String personal = ws.connect(u.accessToken()).getJsonObject("subs").fieldNames().iterator().next();
      c = new Chatter(u, created.json().getLong("id"), ws, personal);
      String id = chat(c, "Keep talking");
      assertThat(next(c, id).getString("type")).isEqualTo("start");
      String firstDelta = next(c, id).getString("text");

      TestNodes.stop(other);
      other = null;
      assertThat(ws.awaitClose()).isEqualTo(3001);
      StoredAnswer stored = answer(id);
      assertThat(stored.status()).isEqualTo("cancelled");
      assertThat(stored.content()).startsWith(firstDelta);
    } finally {
      TestNodes.stop(other);
    }
  }

  private record StoredAnswer(long messageId, String status, String content) {
  }

  private static StoredAnswer answer(String generationId) {
    StoredAnswer a = Await.value(5_000, () -> answerOrNull(generationId), java.util.Objects::nonNull);
    assertThat(a).as("stored answer of %s", generationId).isNotNull();
    return a;
  }

  private static StoredAnswer answerOrNull(String generationId) {
    try (Connection conn = TestInfra.get().jdbc(); PreparedStatement st = conn.prepareStatement(
      "SELECT id, status, content FROM ai_messages WHERE role = 'assistant' AND generation_id = ?::uuid")) {
      st.setString(1, generationId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new StoredAnswer(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The usage row's status (written with the outcome; polled, as it may trail the last publication). */
  private static String usageStatus(String generationId) {
    String query = "SELECT status FROM ai_usage WHERE generation_id = '" + UUID.fromString(generationId) + "'";
    return Await.value(5_000, () -> AiTests.sql(query, String.class), java.util.Objects::nonNull);
  }
}
