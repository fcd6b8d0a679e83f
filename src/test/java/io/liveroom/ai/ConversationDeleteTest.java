package io.liveroom.ai;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control over one's AI data: deleting a conversation (or all of them) deletes the messages, stops
 * an answer still being generated in it, and keeps the usage rows, which hold no content, for
 * accounting. The simulated provider answers 100 tokens at 20 tokens/s, so a delete lands mid-answer.
 */
@DisplayName("Deleting AI conversations: messages gone, running answers stopped, usage rows kept without content")
class ConversationDeleteTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", 20).put("replyTokens", 100))
    .build();
  private static final TestHttp http = node.http();
  private static final String BASE = "/api/v1/ai/conversations";

  private record Chat(TestSocket ws, String personal, String generationId) {
    JsonObject next() {
      return ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub")
        && generationId.equals(p.getJsonObject("pub").getJsonObject("data").getString("generationId")))
        .getJsonObject("pub").getJsonObject("data");
    }
  }

  private static long conversation(TestUser u) {
    return http.post(BASE, new JsonObject().put("title", "to delete"), u.accessToken()).json().getLong("id");
  }

  private static Chat chat(TestUser u, long conversationId) {
    TestSocket ws = node.socket();
    String personal = ws.connect(u.accessToken()).getJsonObject("subs").fieldNames().iterator().next();
    JsonObject reply = ws.request("rpc", new JsonObject().put("method", "ai.chat").put("data", new JsonObject()
      .put("conversationId", conversationId).put("text", "Tell me a long story").put("requestId", "d-" + UUID.randomUUID())));
    assertThat(reply.containsKey("error")).as("ai.chat: %s", reply).isFalse();
    return new Chat(ws, personal, reply.getJsonObject("rpc").getJsonObject("data").getString("generationId"));
  }

  private static TestHttp.Response delete(String path, TestUser u) {
    return http.send("DELETE", path, null, Map.of("Authorization", "Bearer " + u.accessToken()));
  }

  private static long count(String sql, Object arg) {
    return AiTests.sql(sql.replace("?", arg instanceof String s ? "'" + s + "'" : arg.toString()), Long.class);
  }

  @Test
  @DisplayName("Deleting a conversation while its answer streams cancels the answer first; messages are gone, the usage row stays")
  void deleteStopsRunningAnswer() {
    TestUser u = TestUsers.register(http);
    long id = conversation(u);
    Chat chat = chat(u, id);
    assertThat(chat.next().getString("type")).isEqualTo("start");
    assertThat(chat.next().getString("type")).isEqualTo("delta");

    assertThat(delete(BASE + "/" + id, u).status()).isEqualTo(204);
    JsonObject p = chat.next();
    while ("delta".equals(p.getString("type"))) {
      p = chat.next();
    }
    assertThat(p.getString("type")).isEqualTo("error");
    assertThat(p.getString("code")).as("cancelled, not run to its end").isEqualTo("ai_cancelled");
    assertThat(count("SELECT count(*) FROM ai_messages WHERE conversation_id = ?", id)).isZero();
    assertThat(count("SELECT count(*) FROM ai_conversations WHERE id = ?", id)).isZero();
    Await.until("the usage row", 10, () -> count("SELECT count(*) FROM ai_usage WHERE generation_id = ?::uuid",
      chat.generationId()) == 1);
    assertThat(AiTests.sql("SELECT status FROM ai_usage WHERE generation_id = '" + chat.generationId() + "'", String.class))
      .isEqualTo("cancelled");
    assertThat(http.get(BASE + "/" + id, u.accessToken()).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Usage rows hold token counts only: no text and no conversation id, so they stay after a delete")
  void usageRowsHoldNoContent() {
    assertThat(AiTests.sql("""
      SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns
      WHERE table_name = 'ai_usage'""", String.class).split(","))
      .doesNotContain("content", "text", "prompt", "conversation_id", "message_id", "title");
  }

  @Test
  @DisplayName("DELETE /api/v1/ai/conversations deletes all of the caller's conversations, no one else's, and keeps their usage")
  void deleteAll() {
    TestUser u = TestUsers.register(http);
    TestUser other = TestUsers.register(http);
    long first = conversation(u);
    Chat done = chat(u, first);
    JsonObject p = done.next();
    while (!"done".equals(p.getString("type"))) {
      p = done.next();
    }
    conversation(u);
    conversation(u);
    long kept = conversation(other);
    long usage = count("SELECT count(*) FROM ai_usage WHERE user_id = ?", u.id());
    assertThat(usage).isEqualTo(1);

    assertThat(delete(BASE, u).status()).isEqualTo(204);
    assertThat(http.get(BASE, u.accessToken()).json().getJsonArray("items")).isEmpty();
    assertThat(count("SELECT count(*) FROM ai_conversations WHERE user_id = ?", u.id())).isZero();
    assertThat(count("SELECT count(*) FROM ai_messages WHERE conversation_id = ?", first)).isZero();
    assertThat(count("SELECT count(*) FROM ai_usage WHERE user_id = ?", u.id())).as("usage kept").isEqualTo(usage);
    assertThat(http.get(BASE + "/" + kept, other.accessToken()).status()).as("another user's untouched").isEqualTo(200);
    assertThat(delete(BASE, u).status()).as("nothing left is still a success").isEqualTo(204);
    assertThat(http.send("DELETE", BASE, null, Map.of()).status()).isEqualTo(401);
  }
}
