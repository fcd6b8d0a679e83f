package io.liveroom.personaldata;

import io.vertx.core.Future;

import java.time.Instant;

/**
 * One kind of data with a retention period, purged by the privacy scheduler on every node.
 * Guarantees: {@link #purgeOlderThan} deletes at most {@code limit} items created before {@code
 * cutoff} and returns how many it deleted (the scheduler calls again while it returns
 * {@code limit}); it is safe to run concurrently on several nodes (plain range deletes are); it
 * never touches data kept for legal retention (the ledger).
 */
public interface RetentionTarget {
  /** For logs and metrics: {@code chat}, {@code audit}, {@code ai_conversations}. */
  String name();

  Future<Integer> purgeOlderThan(Instant cutoff, int limit);

  /** How a target deletes: the body of {@link #purgeOlderThan}. */
  @FunctionalInterface
  interface Purge {
    Future<Integer> run(Instant cutoff, int limit);
  }

  /** A target named {@code name} that deletes with {@code purge} (usually a repository method). */
  static RetentionTarget of(String name, Purge purge) {
    return new RetentionTarget() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
        return purge.run(cutoff, limit);
      }
    };
  }
}
