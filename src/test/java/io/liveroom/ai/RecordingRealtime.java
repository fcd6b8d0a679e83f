package io.liveroom.ai;

import io.liveroom.support.Await;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The shared recording double, plus what AI tests ask of it: the publications of one generation,
 * and waiting for its final one.
 */
final class RecordingRealtime extends io.liveroom.support.RecordingRealtime {
  List<JsonObject> of(String generationId) {
    return publications.stream().map(Publication::data)
      .filter(d -> generationId.equals(d.getString("generationId"))).toList();
  }

  /** Waits until the generation's final publication ({@code done} or {@code error}) is recorded. */
  List<JsonObject> awaitEnd(String generationId) throws InterruptedException {
    List<JsonObject> seen = Await.value(10_000, () -> of(generationId),
      s -> !s.isEmpty() && List.of("done", "error").contains(s.get(s.size() - 1).getString("type")));
    if (!seen.isEmpty() && List.of("done", "error").contains(seen.get(seen.size() - 1).getString("type"))) {
      return seen;
    }
    throw new AssertionError("no final publication for " + generationId + ": " + of(generationId));
  }
}
