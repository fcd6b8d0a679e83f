package io.liveroom.ai;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("POST /v1/chat/completions speaks OpenAI's wire format, streaming and not, under quotas")
class CompletionsHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> {
      JsonObject ai = json.getJsonObject("ai");
      ai.getJsonObject("simulated").put("tokensPerSecond", 1000).put("replyTokens", 20);
      ai.getJsonObject("quota").put("requestsPerMinute", 3);
    })
    .build();
  private static final TestHttp http = node.http();
  private long userId;
  private String token;

  @BeforeEach
  void user() {
    userId = AiTests.newUser();
    token = node.get().accessTokens().issue(userId, Role.USER, "s1");
  }

  private static JsonObject request(boolean stream) {
    JsonObject body = new JsonObject().put("model", "simulated").put("stream", stream)
      .put("messages", new JsonArray()
        .add(new JsonObject().put("role", "system").put("content", "Be brief."))
        .add(new JsonObject().put("role", "user").put("content", new JsonArray()
          .add(new JsonObject().put("type", "text").put("text", "Hello there")))));
    if (stream) {
      body.put("stream_options", new JsonObject().put("include_usage", true));
    }
    return body;
  }

  @Test
  @DisplayName("The SSE stream is data-only events of chat.completion.chunk, a finish chunk, a usage chunk and [DONE]")
  void streamingFollowsTheChunkFormat() {
    TestHttp.Response r = http.post("/v1/chat/completions", request(true), token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/event-stream");
    List<String> events = strictSse(r.body());
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(JsonObject::new).toList();
    String id = chunks.get(0).getString("id");
    assertThat(id).startsWith("chatcmpl-");
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.getString("id")).isEqualTo(id);
      assertThat(c.getString("object")).isEqualTo("chat.completion.chunk");
      assertThat(c.getString("model")).isEqualTo("simulated");
      assertThat(c.getLong("created")).isPositive();
    });
    assertThat(chunks.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("role"))
      .isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    List<String> finishes = new ArrayList<>();
    for (JsonObject c : chunks.subList(0, chunks.size() - 1)) {
      JsonObject choice = c.getJsonArray("choices").getJsonObject(0);
      String content = choice.getJsonObject("delta").getString("content");
      text.append(content == null ? "" : content);
      if (choice.getString("finish_reason") != null) {
        finishes.add(choice.getString("finish_reason"));
      }
    }
    assertThat(finishes).containsExactly("stop");
    assertThat(text.toString()).startsWith("[simulated]").isEqualTo(String.join("",
      SimulatedProvider.reply("Hello there", 20)));
    JsonObject usage = chunks.get(chunks.size() - 1);
    assertThat(usage.getJsonArray("choices")).isEmpty();
    assertThat(usage.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(20);
    assertThat(usage.getJsonObject("usage").getInteger("total_tokens"))
      .isEqualTo(20 + usage.getJsonObject("usage").getInteger("prompt_tokens"));
    assertThat(AiTests.sql("SELECT status FROM ai_usage WHERE surface = 'http' AND user_id = " + userId, String.class))
      .isEqualTo("complete");
  }

  /** Parses per the SSE spec, refusing anything but data lines and blank separators. */
  static List<String> strictSse(String body) {
    assertThat(body).endsWith("\n\n");
    List<String> out = new ArrayList<>();
    for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      assertThat(event).startsWith("data: ").doesNotContain("\n").doesNotContain("\r");
      out.add(event.substring(6));
    }
    return out;
  }

  @Test
  @DisplayName("Without stream the answer is one chat.completion JSON with usage")
  void nonStreaming() {
    TestHttp.Response r = http.post("/v1/chat/completions", request(false), token);
    assertThat(r.status()).isEqualTo(200);
    JsonObject c = r.json();
    assertThat(c.getString("object")).isEqualTo("chat.completion");
    JsonObject choice = c.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
    assertThat(choice.getJsonObject("message").getString("content")).startsWith("[simulated]");
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    assertThat(c.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(20);
  }

  @Test
  @DisplayName("GET /v1/models lists the simulated model; both endpoints need a bearer token")
  void modelsAndAuth() {
    TestHttp.Response models = http.get("/v1/models", token);
    assertThat(models.status()).isEqualTo(200);
    assertThat(models.json().getString("object")).isEqualTo("list");
    assertThat(models.json().getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("simulated");
    assertThat(http.get("/v1/models").status()).isEqualTo(401);
    assertThat(http.post("/v1/chat/completions", request(false)).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("Bad requests are 400 field errors; an unknown model is ai_model_not_found with OpenAI's error member")
  void badRequests() {
    TestHttp.Response bad = http.post("/v1/chat/completions", new JsonObject().put("model", "simulated"), token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("messages");
    TestHttp.Response unknown = http.post("/v1/chat/completions", request(false).put("model", "gpt-9"), token);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("code")).isEqualTo("ai_model_not_found");
    assertThat(unknown.json().getJsonObject("error").getString("code")).isEqualTo("ai_model_not_found");
  }

  @Test
  @DisplayName("Past the requests-per-minute quota the answer is 429 ai_rate_limited with Retry-After")
  void requestsPerMinute() {
    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/v1/chat/completions", request(false), token).status()).isEqualTo(200);
    }
    TestHttp.Response refused = http.post("/v1/chat/completions", request(false), token);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().getString("code")).isEqualTo("ai_rate_limited");
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    assertThat(refused.json().getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
  }

  @Test
  @DisplayName("With today's token budget used up the answer is 429 ai_token_quota_exceeded until the next UTC day")
  void tokensPerDay() {
    RedisProbe.command(TestInfra.get().redisUrl(), "SET", AiQuotas.dayKey(userId, Instant.now()), "200000");
    TestHttp.Response refused = http.post("/v1/chat/completions", request(true), token);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().getString("code")).isEqualTo("ai_token_quota_exceeded");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
  }

  @Test
  @DisplayName("Tokens used are charged to the user's daily budget in Redis, and the AI meters are exported")
  void chargesTokensAndExportsMetrics() {
    assertThat(http.post("/v1/chat/completions", request(false), token).status()).isEqualTo(200);
    String used = RedisProbe.command(TestInfra.get().redisUrl(), "GET", AiQuotas.dayKey(userId, Instant.now()));
    assertThat(Integer.parseInt(used)).isGreaterThan(20);
    String metrics = http.send("GET", "/metrics", null, Map.of()).body();
    assertThat(metrics).contains("ai_time_to_first_token_seconds").contains("ai_generations_active")
      .contains("ai_generations_total").contains("ai_tokens_per_second");
  }
}
