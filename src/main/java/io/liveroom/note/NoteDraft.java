package io.liveroom.note;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A parsed {@code POST /api/v1/notes} body: exactly one source, named by which fields are present.
 * {@code mediaId} makes a picture note ({@code text} is its optional caption);
 * {@code conversationId} with {@code messageId} saves an AI answer (its text comes from the answer,
 * so {@code text} is refused); otherwise {@code text} is required.
 */
record NoteDraft(String source, String title, String text, Long conversationId, Long messageId, UUID mediaId) {

  static NoteDraft parse(JsonObject body, int maxTitle) {
    FieldErrors errors = new FieldErrors();
    String title = optionalString(body, "title", maxTitle, errors);
    if (title != null && title.isBlank()) {
      errors.add("title", "blank", "The title must not be blank.");
    }
    String text = optionalString(body, "text", Integer.MAX_VALUE, errors);
    NoteDraft draft;
    if (body.containsKey("mediaId")) {
      UUID media = uuid(body.getValue("mediaId"));
      if (media == null) {
        errors.add("mediaId", "invalid", "The id of one of your pictures (a UUID).");
      }
      draft = new NoteDraft(Note.IMAGE, title, text == null ? "" : text, null, null, media);
    } else if (body.containsKey("conversationId") || body.containsKey("messageId")) {
      Long conversation = positive(body, "conversationId", errors);
      Long message = positive(body, "messageId", errors);
      if (text != null) {
        errors.add("text", "not_allowed", "A note made from an AI answer takes the answer's text.");
      }
      draft = new NoteDraft(Note.AI_MESSAGE, title, null, conversation, message, null);
    } else {
      if (text == null || text.isBlank()) {
        errors.add("text", "required", "The note's text (or a conversationId and messageId, or a mediaId).");
      }
      draft = new NoteDraft(Note.TEXT, title, text, null, null, null);
    }
    errors.throwIfAny();
    return draft;
  }

  NoteDraft withText(String answerText) {
    return new NoteDraft(source, title, answerText, conversationId, messageId, mediaId);
  }

  @Override
  public String title() {
    return title == null ? null : title.strip();
  }

  static String optionalString(JsonObject body, String field, int max, FieldErrors errors) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(field, "type", "Must be a string.");
      return null;
    }
    if (s.length() > max) {
      errors.add(field, "too_long", "At most " + max + " characters.");
    }
    return s;
  }

  private static Long positive(JsonObject body, String field, FieldErrors errors) {
    Object v = body.getValue(field);
    if (v instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    errors.add(field, "invalid", "A positive integer id is required.");
    return null;
  }

  private static UUID uuid(Object v) {
    if (!(v instanceof String s)) {
      return null;
    }
    try {
      UUID id = UUID.fromString(s);
      return id.toString().equalsIgnoreCase(s) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
