package io.liveroom.loadtest;

import io.vertx.core.Future;

import java.util.Set;

/** One named load pattern. {@link #run} fills {@link Run#stats} and {@link Run#result} and completes when done. */
public interface Scenario {
  String name();

  /** The scenario's own option keys (besides {@link Options#COMMON}). */
  Set<String> keys();

  Future<Void> run(Run run);
}
