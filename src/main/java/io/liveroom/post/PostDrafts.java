package io.liveroom.post;

import io.liveroom.config.PostsConfig;
import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a post from a request body and checks its shape: text length, at most nine distinct
 * pictures or one video link (https, host on the allow-list, never both), the visibility, and a
 * place tag that is a coarse region or a named place and never coordinates. The keyword filter and
 * the ownership of pictures are the service's to check.
 */
final class PostDrafts {
  static final int MAX_PICTURES = 9;
  static final Set<String> VISIBILITIES = Set.of("public", "followers", "private");
  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.-]{0,47}");
  /** Two decimal numbers in a row ("31.23, 121.47"): coordinates, which a place tag must never carry. */
  private static final Pattern COORDINATES = Pattern.compile("-?\\d{1,3}\\.\\d+\\s*[,;: ]\\s*-?\\d{1,3}\\.\\d+");
  private static final int MAX_PLACE_NAME = 60;

  private final PostsConfig config;

  PostDrafts(PostsConfig config) {
    this.config = config;
  }

  NewPost read(long authorId, JsonObject body) {
    FieldErrors f = new FieldErrors();
    String text = text(body, "text", config.maxTextLength(), f);
    List<UUID> pictures = pictures(body.getValue("pictures"), f);
    String video = body.getValue("videoUrl") == null ? null : video(body.getValue("videoUrl"), f);
    if (video != null && !pictures.isEmpty()) {
      f.add("videoUrl", "one_media_kind", "A post carries pictures or one video link, not both.");
    }
    if (text.isBlank() && pictures.isEmpty() && video == null) {
      f.add("text", "required", "A post needs text, pictures or a video link.");
    }
    String visibility = visibility(body, f);
    String[] place = place(body.getValue("place"), f);
    f.throwIfAny();
    return new NewPost(authorId, text, pictures, video, place[0], place[1], visibility, null);
  }

  /** A share: optional text and visibility; what it shares is set by the service. */
  NewPost readShare(long authorId, JsonObject body) {
    FieldErrors f = new FieldErrors();
    String text = text(body, "text", config.maxTextLength(), f);
    String visibility = visibility(body, f);
    f.throwIfAny();
    return new NewPost(authorId, text, List.of(), null, null, null, visibility, null);
  }

  static String text(JsonObject body, String name, int max, FieldErrors f) {
    Object v = body.getValue(name);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      f.add(name, "invalid", "Must be a string.");
      return "";
    }
    String t = s.strip();
    if (t.codePointCount(0, t.length()) > max) {
      f.add(name, "too_long", "At most " + max + " characters.");
    }
    return t;
  }

  private static String visibility(JsonObject body, FieldErrors f) {
    Object v = body.getValue("visibility", "public");
    if (!(v instanceof String s) || !VISIBILITIES.contains(s)) {
      f.add("visibility", "invalid", "One of public, followers, private.");
      return "public";
    }
    return s;
  }

  private static List<UUID> pictures(Object v, FieldErrors f) {
    List<UUID> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonArray arr) || arr.size() > MAX_PICTURES) {
      f.add("pictures", "invalid", "A list of at most " + MAX_PICTURES + " media ids.");
      return out;
    }
    for (Object o : arr) {
      try {
        UUID id = UUID.fromString(String.valueOf(o));
        if (out.contains(id)) {
          f.add("pictures", "duplicate", "Each picture at most once.");
        }
        out.add(id);
      } catch (IllegalArgumentException e) {
        f.add("pictures", "invalid", "Media ids are UUIDs from POST /api/v1/media.");
      }
    }
    return out;
  }

  private String video(Object v, FieldErrors f) {
    try {
      URI uri = new URI(String.valueOf(v));
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      if ("https".equals(uri.getScheme()) && uri.getUserInfo() == null && config.videoHosts().contains(host)
        && uri.toString().length() <= 2048) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // reported below like any other link we do not accept
    }
    f.add("videoUrl", "not_allowed", "An https link on one of: " + String.join(", ", config.videoHosts()) + ".");
    return null;
  }

  /** {region, name}, both null without a place tag. */
  private static String[] place(Object v, FieldErrors f) {
    if (v == null) {
      return new String[2];
    }
    if (!(v instanceof JsonObject p)) {
      f.add("place", "invalid", "An object {region, name}.");
      return new String[2];
    }
    if (p.containsKey("lat") || p.containsKey("lng") || p.containsKey("latitude") || p.containsKey("longitude")) {
      f.add("place", "no_coordinates", "A place tag is a region or a named place, never coordinates.");
    }
    String region = p.getValue("region") instanceof String s ? s.strip() : null;
    String name = p.getValue("name") instanceof String s ? s.strip() : null;
    if (region != null && !REGION.matcher(region).matches()) {
      f.add("place.region", "invalid", "A region id (letters, digits, ':', '_', '.', '-').");
    }
    if (name != null && (name.isEmpty() || name.length() > MAX_PLACE_NAME)) {
      f.add("place.name", "invalid", "1 to " + MAX_PLACE_NAME + " characters.");
    }
    if (region == null && name == null) {
      f.add("place", "invalid", "Give a region, a name, or both.");
    }
    if (region != null && COORDINATES.matcher(region).find() || name != null && COORDINATES.matcher(name).find()) {
      f.add("place", "no_coordinates", "A place tag is a region or a named place, never coordinates.");
    }
    return new String[]{region, name};
  }
}
