package io.liveroom.ai;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OpenAI {@code /v1/chat/completions} request we honour: model, messages (text
 * content, as a string or as {@code text} parts), stream, {@code stream_options.include_usage},
 * {@code max_tokens} / {@code max_completion_tokens} and temperature. Other fields are ignored, as
 * OpenAI-compatible servers commonly do.
 */
record CompletionRequest(String model, List<PromptMessage> messages, boolean stream, boolean includeUsage,
                         Integer maxTokens, Double temperature) {

  static CompletionRequest parse(JsonObject body, int maxInputChars) {
    FieldErrors errors = new FieldErrors();
    String model = body.getValue("model") instanceof String s ? s : null;
    if (model == null || model.isBlank()) {
      errors.add("model", "required", "The model is required; see GET /v1/models.");
    }
    List<PromptMessage> messages = messages(body.getValue("messages"), maxInputChars, errors);
    boolean stream = Boolean.TRUE.equals(body.getValue("stream"));
    JsonObject options = body.getValue("stream_options") instanceof JsonObject o ? o : new JsonObject();
    Integer maxTokens = positiveInt(body, "max_completion_tokens", errors);
    if (maxTokens == null) {
      maxTokens = positiveInt(body, "max_tokens", errors);
    }
    Double temperature = null;
    if (body.getValue("temperature") instanceof Number n) {
      temperature = n.doubleValue();
    } else if (body.getValue("temperature") != null) {
      errors.add("temperature", "invalid", "Must be a number.");
    }
    errors.throwIfAny();
    return new CompletionRequest(model, messages, stream, Boolean.TRUE.equals(options.getValue("include_usage")),
      maxTokens, temperature);
  }

  private static List<PromptMessage> messages(Object raw, int maxInputChars, FieldErrors errors) {
    List<PromptMessage> out = new ArrayList<>();
    if (!(raw instanceof JsonArray arr) || arr.isEmpty()) {
      errors.add("messages", "required", "At least one message is required.");
      return out;
    }
    int total = 0;
    for (int i = 0; i < arr.size(); i++) {
      String field = "messages[" + i + "]";
      if (!(arr.getValue(i) instanceof JsonObject m)) {
        errors.add(field, "invalid", "Must be an object.");
        continue;
      }
      String role = m.getValue("role") instanceof String r ? r : "";
      role = role.equals("developer") ? PromptMessage.SYSTEM : role;
      if (!List.of(PromptMessage.SYSTEM, PromptMessage.USER, PromptMessage.ASSISTANT).contains(role)) {
        errors.add(field + ".role", "invalid", "One of system, developer, user, assistant.");
        continue;
      }
      String content = content(m.getValue("content"));
      if (content == null) {
        errors.add(field + ".content", "invalid", "Text content (a string or text parts) is required.");
        continue;
      }
      total += content.length();
      out.add(new PromptMessage(role, content));
    }
    if (total > maxInputChars * 4L) {
      errors.add("messages", "too_long", "The messages are too long.");
    }
    return out;
  }

  private static String content(Object raw) {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof JsonArray parts) {
      StringBuilder b = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof JsonObject part && "text".equals(part.getString("type")) && part.getValue("text") instanceof String t) {
          b.append(t);
        } else {
          return null;
        }
      }
      return b.toString();
    }
    return null;
  }

  private static Integer positiveInt(JsonObject body, String field, FieldErrors errors) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0 && n.longValue() <= 1_000_000) {
      return n.intValue();
    }
    errors.add(field, "invalid", "Must be a positive integer.");
    return null;
  }

  /**
   * The text moderated before anything goes upstream: every message, whatever its role. The client
   * writes all of them, {@code assistant} and {@code system} turns included, so any of them can
   * carry what the user may not send.
   */
  String moderatedText() {
    StringBuilder b = new StringBuilder();
    messages.forEach(m -> b.append(m.content()).append('\n'));
    return b.toString();
  }
}
