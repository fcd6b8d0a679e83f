package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** Builds the OpenAI wire shapes of the compatible endpoint: chunks, completions, usage, errors. */
final class OpenAiFormat {
  private OpenAiFormat() {
  }

  static String completionId(String generationId) {
    return "chatcmpl-" + generationId;
  }

  static JsonObject chunk(String generationId, long created, String model, JsonObject delta, String finishReason) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
      .put("finish_reason", finishReason);
    return base(generationId, created, model, "chat.completion.chunk").put("choices", new JsonArray().add(choice));
  }

  /** The last chunk when {@code stream_options.include_usage} is set: no choices, the usage. */
  static JsonObject usageChunk(String generationId, long created, String model, Usage usage) {
    return base(generationId, created, model, "chat.completion.chunk").put("choices", new JsonArray())
      .put("usage", usage(usage));
  }

  static JsonObject completion(GenerationOutcome o, long created, String model) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", o.text()).put("refusal", null);
    JsonObject choice = new JsonObject().put("index", 0).put("message", message).put("logprobs", null)
      .put("finish_reason", o.finishReason() == null ? "stop" : o.finishReason());
    return base(o.generationId(), created, model, "chat.completion").put("choices", new JsonArray().add(choice))
      .put("usage", usage(o.usage()));
  }

  static JsonObject usage(Usage u) {
    return new JsonObject().put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens())
      .put("total_tokens", u.totalTokens());
  }

  static JsonObject models(java.util.List<String> names) {
    JsonArray data = new JsonArray();
    names.forEach(n -> data.add(new JsonObject().put("id", n).put("object", "model").put("created", 0)
      .put("owned_by", "liveroom")));
    return new JsonObject().put("object", "list").put("data", data);
  }

  /** OpenAI's {@code {"error": {...}}} member, added to our problem body so stock clients read it. */
  static JsonObject error(ErrorCode code, String message) {
    String type = switch (code.httpStatus()) {
      case 400, 404, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 429 -> "rate_limit_error";
      default -> "api_error";
    };
    return new JsonObject().put("message", message).put("type", type).put("param", null).put("code", code.code());
  }

  static Throwable withOpenAiError(Throwable failure) {
    if (failure instanceof AppException app) {
      return app.with(Map.of("error", error(app.code(), app.getMessage())));
    }
    return failure;
  }

  private static JsonObject base(String generationId, long created, String model, String object) {
    return new JsonObject().put("id", completionId(generationId)).put("object", object).put("created", created)
      .put("model", model).put("system_fingerprint", null);
  }
}
