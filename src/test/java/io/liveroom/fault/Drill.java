package io.liveroom.fault;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small steps every scenario uses: publish chat, measure, and record the figures of a run. */
final class Drill {
  private Drill() {
  }

  /** Publishes a chat message in the room from this client; returns the reply (result or error). */
  static JsonObject chat(RecoveringClient from, long roomId, String text) {
    return ClientRig.await(from.request("publish", new JsonObject().put("channel", FaultApi.channel(roomId))
      .put("data", new JsonObject().put("text", text))), 30);
  }

  /** As {@link #chat}, but null instead of failing when the connection is down. */
  static JsonObject tryChat(RecoveringClient from, long roomId, String text) {
    try {
      return from.request("publish", new JsonObject().put("channel", FaultApi.channel(roomId))
        .put("data", new JsonObject().put("text", text))).toCompletionStage().toCompletableFuture()
        .get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value below which {@code p} percent of the samples fall (nearest rank). */
  static long percentile(List<Long> samples, double p) {
    if (samples.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static long millisSince(long startNanos, long nanos) {
    return (nanos - startNanos) / 1_000_000;
  }

  /**
   * Prints a scenario's measured figure and appends it to {@code target/fault-logs/figures.txt},
   * where docs/RELIABILITY.md's numbers come from.
   */
  static void figure(String scenario, String name, Object value) {
    String line = Instant.now() + " " + scenario + " " + name + " = " + value;
    System.out.println("FIGURE " + line);
    try {
      Path file = Path.of("target", "fault-logs", "figures.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
