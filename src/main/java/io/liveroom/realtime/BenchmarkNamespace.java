package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Benchmark stand-ins, registered only when {@code realtime.benchmarkNamespace} is true (never in
 * production). Any authenticated user may subscribe and publish.
 * <ul>
 *   <li>{@code bench:*}: no history, no presence, so the fan-out benchmark measures the delivery
 *   path alone;</li>
 *   <li>{@code benchlive:*}: shaped like a live room's channel (history of 100 kept 600 s, the
 *   rooms' defaults, with recovery; presence on) without the room's domain checks, so the
 *   reconnect-storm benchmark can hold thousands of token-only users in one recoverable channel.</li>
 * </ul>
 */
public final class BenchmarkNamespace implements ChannelNamespace {
  private static final NamespaceOptions PLAIN = new NamespaceOptions(0, Duration.ZERO, false, false, true);
  private static final NamespaceOptions LIVE = new NamespaceOptions(100, Duration.ofSeconds(600), true, false, true);
  private final String name;
  private final NamespaceOptions options;

  private BenchmarkNamespace(String name, NamespaceOptions options) {
    this.name = name;
    this.options = options;
  }

  /** {@code bench:*}, the bare delivery path. */
  public static BenchmarkNamespace plain() {
    return new BenchmarkNamespace("bench", PLAIN);
  }

  /** {@code benchlive:*}, history, recovery and presence as a live room has them. */
  public static BenchmarkNamespace live() {
    return new BenchmarkNamespace("benchlive", LIVE);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NamespaceOptions options() {
    return options;
  }

  @Override
  public Future<Void> authorizeSubscribe(Principal principal, String channel) {
    return Future.succeededFuture();
  }

  @Override
  public Future<JsonObject> authorizePublish(Principal principal, String channel, JsonObject data) {
    return Future.succeededFuture(data);
  }
}
