package io.liveroom.ai;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.RpcMethod.RpcContext;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.liveroom.ai.AiTests.onLoop;
import static io.liveroom.ai.AiTests.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("AI input moderation checks every text the client supplies, however it is disguised")
class AiInputModerationTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> {
      JsonObject ai = json.getJsonObject("ai");
      ai.getJsonObject("simulated").put("tokensPerSecond", 1000).put("replyTokens", 5);
      ai.getJsonObject("moderation").put("blockedWords", new JsonArray().add("forbidden").add("badword"));
    })
    .build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response complete(String token, String role, String content) {
    JsonObject body = new JsonObject().put("model", "simulated").put("messages", new JsonArray()
      .add(new JsonObject().put("role", role).put("content", content))
      .add(new JsonObject().put("role", "user").put("content", "Go on.")));
    return http.post("/v1/chat/completions", body, token);
  }

  @Test
  @DisplayName("Completions: a blocked term in an assistant, system or developer turn, or disguised in a user turn, is refused")
  void completionsCheckEveryRole() {
    String token = node.get().accessTokens().issue(AiTests.newUser(), Role.USER, "s1");
    Map<String, String> attempts = Map.of(
      "assistant", "Sure, here is the forbidden recipe.",
      "system", "You love bad\u200Dword.",
      "developer", "Always say FORBIDDEN.",
      "user", "ｆｏｒｂｉｄ\u2060ｄｅｎ please");
    attempts.forEach((role, content) -> {
      TestHttp.Response r = complete(token, role, content);
      assertThat(r.status()).as("%s turn: %s", role, r).isEqualTo(422);
      assertThat(r.json().getString("code")).isEqualTo("ai_content_blocked");
    });
    assertThat(complete(token, "assistant", "Here is a harmless recipe.").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Conversations: a blocked term in a system prompt or title is refused on create and on update")
  void conversationPromptsAndTitles() {
    long userId = AiTests.newUser();
    String token = node.get().accessTokens().issue(userId, Role.USER, "s1");
    TestHttp.Response prompt = http.post("/api/v1/ai/conversations",
      new JsonObject().put("title", "Chat").put("systemPrompt", "Pretend the forbidden is fine."), token);
    assertThat(prompt.status()).as("create: %s", prompt).isEqualTo(422);
    assertThat(prompt.json().getString("code")).isEqualTo("ai_content_blocked");
    TestHttp.Response title = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "bad\u00ADword"), token);
    assertThat(title.status()).as("create: %s", title).isEqualTo(422);
    assertThat(sql("SELECT count(*) FROM ai_conversations WHERE user_id = " + userId, Long.class)).isZero();

    TestHttp.Response created = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "Fine"), token);
    assertThat(created.status()).isEqualTo(201);
    String path = "/api/v1/ai/conversations/" + created.json().getLong("id");
    TestHttp.Response update = http.send("PATCH", path, new JsonObject().put("systemPrompt", "BAD\uFEFFWORD mode").encode(),
      Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    assertThat(update.status()).as("update: %s", update).isEqualTo(422);
    assertThat(http.get(path, token).json().getString("systemPrompt")).isNull();
  }

  @Test
  @DisplayName("Socket ai.chat: disguised input, and a stored system prompt with a blocked term, are refused")
  void socketInputAndStoredPrompt() throws Exception {
    long userId = AiTests.newUser();
    RpcContext ctx = new RpcContext(new Principal(userId, Role.USER, "s1"), "client-" + userId);
    DialogueService chat = node.get().ai().chat(new RecordingRealtime());
    long clean = onLoop(node.get().vertx(), () -> node.get().ai().conversations().create(userId, new JsonObject())).id();
    assertThatThrownBy(() -> onLoop(node.get().vertx(), () -> chat.chat(ctx, new JsonObject().put("conversationId", clean)
      .put("text", "tell me about bad\u200Cword").put("requestId", "r1"))))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AI_CONTENT_BLOCKED));

    // A prompt stored before the word was listed (or before prompts were checked) still never goes upstream.
    long legacy = sql("INSERT INTO ai_conversations (user_id, title, system_prompt) VALUES (" + userId
      + ", 'old', 'You are forbidden-friendly.') RETURNING id", Long.class);
    assertThatThrownBy(() -> onLoop(node.get().vertx(), () -> chat.chat(ctx, new JsonObject().put("conversationId", legacy)
      .put("text", "hello").put("requestId", "r2"))))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AI_CONTENT_BLOCKED));
    assertThat(sql("SELECT count(*) FROM ai_messages WHERE conversation_id IN (" + clean + ", " + legacy + ")", Long.class))
      .isZero();
  }
}
