package io.liveroom.config;

import java.util.List;
import java.util.Set;

/**
 * The real-time core ({@code realtime.*}): broker, ping/pong, limits and presence timing.
 * {@code allowedOrigins} is an exact Origin allow-list for the WebSocket upgrade; empty means
 * "the same list as {@code http.corsOrigins}". A request without Origin (a native app) is allowed.
 * {@code benchmarkNamespace} (never in production) opens a {@code bench} namespace anyone may publish
 * in and enables the {@code token} command, for the fan-out benchmark in docs/PERFORMANCE.md.
 */
public record RealtimeConfig(
  String broker,
  int pingIntervalSeconds,
  int pongTimeoutSeconds,
  int handshakeTimeoutSeconds,
  int maxFrameBytes,
  int maxChannelsPerConnection,
  int maxConnectionsPerUser,
  int commandsPerSecond,
  int commandBurst,
  int rateLimitWarnings,
  int maxQueueBytes,
  int writeDelayMillis,
  List<String> allowedOrigins,
  int presenceTtlSeconds,
  int presenceUpdateSeconds,
  boolean benchmarkNamespace
) {
  static RealtimeConfig from(ConfigReader r) {
    List<String> origins = r.strings("realtime.allowedOrigins");
    for (String origin : origins) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw r.fail("realtime.allowedOrigins", "'" + origin + "' is not an exact origin like https://app.example.com");
      }
    }
    RealtimeConfig c = new RealtimeConfig(
      r.oneOf("realtime.broker", Set.of("redis", "memory")),
      r.intIn("realtime.pingIntervalSeconds", 1, 300),
      r.intIn("realtime.pongTimeoutSeconds", 1, 300),
      r.intIn("realtime.handshakeTimeoutSeconds", 1, 300),
      r.intIn("realtime.maxFrameBytes", 1024, 16 * 1024 * 1024),
      r.intIn("realtime.maxChannelsPerConnection", 1, 100_000),
      r.intIn("realtime.maxConnectionsPerUser", 1, 100_000),
      r.intIn("realtime.commandsPerSecond", 1, 1_000_000),
      r.intIn("realtime.commandBurst", 1, 1_000_000),
      r.intIn("realtime.rateLimitWarnings", 0, 1_000_000),
      r.intIn("realtime.maxQueueBytes", 1024, 1024 * 1024 * 1024),
      r.intIn("realtime.writeDelayMillis", 0, 1000),
      origins,
      r.intIn("realtime.presenceTtlSeconds", 2, 86_400),
      r.intIn("realtime.presenceUpdateSeconds", 1, 86_400),
      r.bool("realtime.benchmarkNamespace"));
    if (c.presenceUpdateSeconds >= c.presenceTtlSeconds) {
      throw r.fail("realtime.presenceUpdateSeconds", "must be below realtime.presenceTtlSeconds");
    }
    return c;
  }

  /** The effective Origin allow-list: our own, or the HTTP CORS list when ours is empty. */
  public List<String> effectiveOrigins(HttpConfig http) {
    return allowedOrigins.isEmpty() ? http.corsOrigins() : allowedOrigins;
  }
}
