package io.liveroom.jobs;

import io.vertx.core.Future;

/**
 * The work of one job kind, done in steps. Contract: a step that makes progress saves it with
 * {@link Job#advance} in the same transaction as its writes, so a step is committed whole or not
 * at all; the worker runs the next step while it returns {@link JobStep#MORE}. A step may run again
 * after a crash (the node died after the work, before the answer): its writes must be idempotent
 * (or resume from the cursor alone). A failed step is retried with backoff, up to
 * {@code jobs.maxAttempts} claims.
 */
public interface JobHandler {
  /** The kind this handler runs, namespaced by capability: {@code notification.going_live}. */
  String kind();

  Future<JobStep> step(Job job);
}
