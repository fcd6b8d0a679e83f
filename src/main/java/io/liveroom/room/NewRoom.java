package io.liveroom.room;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** A validated create-room request. */
record NewRoom(String title, String coverUrl, String category, List<String> tags, java.util.UUID coverMediaId) {
  static final int MAX_TITLE = 80;
  static final int MAX_TAGS = 10;
  static final int MAX_TAG = 24;
  private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  NewRoom(String title, String coverUrl, String category, List<String> tags) {
    this(title, coverUrl, category, tags, null);
  }

  /** Validates the body; every bad field is reported at once. */
  static NewRoom from(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String title = string(body, "title");
    if (title == null || title.isBlank() || title.strip().codePointCount(0, title.strip().length()) > MAX_TITLE) {
      errors.add("title", "invalid", "title is 1-" + MAX_TITLE + " characters.");
    }
    String cover = string(body, "coverUrl");
    if (cover != null && !cover.isBlank() && (!cover.matches("https://[^\\s]{1,2000}"))) {
      errors.add("coverUrl", "invalid", "coverUrl is an https URL.");
    }
    java.util.UUID coverMediaId = null;
    String media = string(body, "coverMediaId");
    if (media != null && cover != null) {
      errors.add("coverMediaId", "conflict", "Give coverUrl or coverMediaId, not both.");
    } else if (media != null && !media.matches(UUID_PATTERN)) {
      errors.add("coverMediaId", "invalid", "The id of an uploaded picture (a UUID).");
    } else if (media != null) {
      coverMediaId = java.util.UUID.fromString(media);
    }
    String category = string(body, "category");
    if (category == null || !category.matches("[a-z0-9_-]{1,32}")) {
      errors.add("category", "invalid", "category is 1-32 of a-z, 0-9, _ and -.");
    }
    List<String> tags = tags(body, errors);
    errors.throwIfAny();
    return new NewRoom(title.strip(), cover == null || cover.isBlank() ? null : cover, category, tags, coverMediaId);
  }

  /** A cover change ({@code PATCH /rooms/{id}}): an uploaded picture, or a plain https URL, or none (both null). */
  record Cover(String url, java.util.UUID mediaId) {
    static Cover from(JsonObject body) {
      FieldErrors errors = new FieldErrors();
      boolean hasUrl = body.containsKey("coverUrl");
      boolean hasMedia = body.containsKey("coverMediaId");
      String url = string(body, "coverUrl");
      String media = string(body, "coverMediaId");
      if (hasUrl == hasMedia) {
        errors.add("coverMediaId", "one_required", "Give coverMediaId (an uploaded picture) or coverUrl (null removes the cover).");
      } else if (hasUrl && url == null && body.getValue("coverUrl") != null
        || url != null && !url.matches("https://[^\\s]{1,2000}")) {
        errors.add("coverUrl", "invalid", "coverUrl is an https URL, or null.");
      } else if (hasMedia && (media == null || !media.matches(UUID_PATTERN))) {
        errors.add("coverMediaId", "invalid", "The id of an uploaded picture (a UUID).");
      }
      errors.throwIfAny();
      return new Cover(url, hasMedia ? java.util.UUID.fromString(media) : null);
    }
  }

  private static List<String> tags(JsonObject body, FieldErrors errors) {
    Object raw = body.getValue("tags");
    List<String> tags = new ArrayList<>();
    if (raw == null) {
      return tags;
    }
    if (!(raw instanceof JsonArray arr) || arr.size() > MAX_TAGS) {
      errors.add("tags", "invalid", "tags is a list of at most " + MAX_TAGS + " strings.");
      return tags;
    }
    for (Object t : arr) {
      if (!(t instanceof String s) || s.isBlank() || s.strip().length() > MAX_TAG) {
        errors.add("tags", "invalid", "each tag is 1-" + MAX_TAG + " characters.");
        return tags;
      }
      if (!tags.contains(s.strip())) {
        tags.add(s.strip());
      }
    }
    return tags;
  }

  private static String string(JsonObject body, String key) {
    Object v = body.getValue(key);
    return v instanceof String s ? s : null;
  }
}
