package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * {@code bench:*}: a benchmark stand-in, registered only when {@code realtime.benchmarkNamespace}
 * is true (never in production). Any authenticated user may subscribe and publish; no history, no
 * presence, so the fan-out benchmark measures the delivery path alone.
 */
public final class BenchmarkNamespace implements ChannelNamespace {
  private static final NamespaceOptions OPTIONS = new NamespaceOptions(0, Duration.ZERO, false, false, true);

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public NamespaceOptions options() {
    return OPTIONS;
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
