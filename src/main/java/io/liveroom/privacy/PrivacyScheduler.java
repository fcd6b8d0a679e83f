package io.liveroom.privacy;

import io.liveroom.jobs.Job;
import io.liveroom.jobs.JobHandler;
import io.liveroom.jobs.JobStep;
import io.liveroom.personaldata.RetentionRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The privacy housekeeping: erase accounts past their cooling-off period, enforce retention, and
 * delete expired export documents (from PostgreSQL, so whichever node runs it deletes them). It
 * runs as the recurring job {@code privacy.housekeeping} on the shared job queue (package
 * {@code jobs}), so one node runs it per interval, and another takes over when that node dies.
 * Every step is still safe to run on several nodes at once (row locks with SKIP LOCKED, or plain
 * range deletes): a run that outlives its lease, or {@link #runOnce} called by hand, may overlap
 * another node's. A run never overlaps the previous one on the same node.
 */
final class PrivacyScheduler implements JobHandler {
  static final String KIND = "privacy.housekeeping";
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyScheduler.class);

  private final ErasureJob erasure;
  private final List<RetentionRule> retention;
  private final ExportRepository exports;
  private final int batch;
  private final Clock clock;
  private static final Duration ABANDONED_AFTER = Duration.ofHours(1);
  private final AtomicBoolean running = new AtomicBoolean();

  PrivacyScheduler(ErasureJob erasure, List<RetentionRule> retention, ExportRepository exports, int batch,
                   Clock clock) {
    this.erasure = erasure;
    this.retention = retention;
    this.exports = exports;
    this.batch = batch;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** One whole run is one step: its parts keep no cursor (each picks up what is due now). */
  @Override
  public Future<JobStep> step(Job job) {
    return runOnce().map(report -> {
      LOG.debug("Privacy housekeeping run: {}", report.encode());
      return JobStep.DONE;
    });
  }

  /** One run; succeeds with what this node did ({@code erased}, {@code <target>} purged, {@code exportsExpired}). */
  Future<JsonObject> runOnce() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(new JsonObject().put("skipped", true));
    }
    JsonObject report = new JsonObject();
    return erasure.run(batch).map(n -> report.put("erased", n))
      .compose(v -> purgeAll(report))
      .compose(v -> expireExports())
      .map(n -> report.put("exportsExpired", n))
      .eventually(() -> {
        running.set(false);
        return Future.succeededFuture();
      });
  }

  private Future<Void> purgeAll(JsonObject report) {
    Future<Void> chain = Future.succeededFuture();
    Instant now = clock.instant();
    for (RetentionRule r : retention) {
      if (r.days() == 0) {
        continue;
      }
      Instant cutoff = now.minus(Duration.ofDays(r.days()));
      chain = chain.compose(v -> r.target().purgeOlderThan(cutoff, batch * 10)
        .recover(e -> {
          LOG.error("Retention purge of {} failed: {}", r.target().name(), e.toString());
          return Future.succeededFuture(0);
        })
        .map(n -> {
          report.put(r.target().name(), n);
          return null;
        }));
    }
    return chain;
  }

  /** Expired exports, and exports whose generating node died (pending for over an hour): documents deleted. */
  private Future<Integer> expireExports() {
    Instant now = clock.instant();
    return exports.abandon(now.minus(ABANDONED_AFTER))
      .compose(abandoned -> exports.expireDue(now, batch).map(expired -> abandoned.size() + expired.size()));
  }
}
