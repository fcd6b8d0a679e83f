package io.liveroom.ai;

/**
 * One picture to paint: the (moderated) prompt, an allowed {@code WxH} size, an optional style
 * word, and an optional reference picture (PNG or JPEG bytes) for an edit.
 */
public record ImageRequest(String prompt, String size, String style, byte[] reference) {
  public int width() {
    return Integer.parseInt(size.substring(0, size.indexOf('x')));
  }

  public int height() {
    return Integer.parseInt(size.substring(size.indexOf('x') + 1));
  }
}
