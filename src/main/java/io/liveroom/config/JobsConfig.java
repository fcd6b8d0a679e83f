package io.liveroom.config;

import java.time.Duration;

/**
 * The durable job queue (package {@code jobs}) and the going-live fan-out that runs on it. Each
 * worker polls every {@code pollInterval} for due jobs and runs at most {@code workers} at once; a
 * claimed job is held for {@code leaseSeconds}, renewed by every step, so a job whose node died is
 * resumed by another node that long after its last step. A failed step is retried after
 * {@code retrySeconds} (doubling per attempt, at most an hour), up to {@code maxAttempts} claims.
 * Finished jobs are deleted after {@code keepFinishedDays}. The fan-out writes
 * {@code fanoutBatchSize} inbox rows per step.
 */
public record JobsConfig(Duration pollInterval, int leaseSeconds, int workers, int maxAttempts, int retrySeconds,
                         int keepFinishedDays, int fanoutBatchSize) {
  static JobsConfig from(ConfigReader r) {
    return new JobsConfig(
      Duration.ofMillis(r.intIn("jobs.pollIntervalMillis", 50, 60_000)),
      r.intIn("jobs.leaseSeconds", 1, 3_600),
      r.intIn("jobs.workers", 1, 64),
      r.intIn("jobs.maxAttempts", 1, 1_000),
      r.intIn("jobs.retrySeconds", 1, 3_600),
      r.intIn("jobs.keepFinishedDays", 0, 3_650),
      r.intIn("jobs.fanout.batchSize", 100, 50_000));
  }
}
