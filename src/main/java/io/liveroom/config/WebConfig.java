package io.liveroom.config;

/**
 * The web app every node serves under {@code /} ({@code web.*}): the sign-in, live and room pages,
 * and the API docs at {@code /docs}. {@code enabled} false serves none of it (an API-only
 * deployment), and the WebSocket then accepts only the configured origins, not the node's own.
 */
public record WebConfig(boolean enabled) {
  static WebConfig from(ConfigReader r) {
    return new WebConfig(r.bool("web.enabled"));
  }
}
