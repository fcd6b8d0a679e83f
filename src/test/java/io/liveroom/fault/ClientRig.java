package io.liveroom.fault;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The client side of a drill: one Vert.x instance whose WebSocket client opens any number of
 * {@link RecoveringClient}s (thousands on a few event loops), at a bounded number of handshakes
 * in flight. Closing it closes every connection it made.
 */
final class ClientRig implements AutoCloseable {
  final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
    .setMaxConnections(Integer.MAX_VALUE).setConnectTimeout(10_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
  private final List<RecoveringClient> all = new ArrayList<>();

  RecoveringClient client(int port, String token, String channel) {
    RecoveringClient c = new RecoveringClient(vertx, client, port, token, channel);
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  /**
   * Starts {@code count} clients made by {@code factory}, {@code inFlight} at a time (a sliding
   * window: each finished start begins the next); fails on the first failure.
   */
  List<RecoveringClient> startAll(int count, int inFlight, IntFunction<RecoveringClient> factory) {
    RecoveringClient[] out = new RecoveringClient[count];
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(inFlight, count); lane++) {
      Future<Void> chain = Future.succeededFuture();
      for (int i = lane; i < count; i += inFlight) {
        int index = i;
        chain = chain.compose(v -> factory.apply(index).start().map(c -> {
          out[index] = c;
          return null;
        }));
      }
      lanes.add(chain);
    }
    await(Future.all(lanes), 60 + count / 10);
    return List.of(out);
  }

  static <T> T await(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("client operation failed: " + e, e);
    }
  }

  @Override
  public void close() {
    List<RecoveringClient> copy;
    synchronized (all) {
      copy = List.copyOf(all);
    }
    try {
      Future.join(copy.stream().map(RecoveringClient::stop).toList()).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: closing the Vert.x instance below closes any socket left
      System.err.println("fault drill: closing clients: " + e);
    }
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
