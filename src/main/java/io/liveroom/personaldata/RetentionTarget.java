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
}
