package io.liveroom.notification;

import io.liveroom.jobs.Job;
import io.liveroom.jobs.JobHandler;
import io.liveroom.jobs.JobQueue;
import io.liveroom.jobs.JobStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The going-live fan-out, a durable job per live session ({@code notification.going_live}, dedupe
 * key {@code live/<session id>}): page the host's followers by follower id, insert a batch's inbox
 * rows in one statement and save the cursor (the last follower id) in the same transaction, then
 * hand the batch to the {@link GoingLiveDelivery}. A node that dies mid-job loses at most the
 * uncommitted batch; the next node starts after the saved cursor, and the rows' dedupe key keeps a
 * follower from a second row even if a batch is replayed. So every follower gets exactly one row
 * per session, however many nodes the job passes through.
 */
final class GoingLiveFanout implements JobHandler {
  static final String KIND = "notification.going_live";
  private static final Logger LOG = LoggerFactory.getLogger(GoingLiveFanout.class);

  private final Pool pool;
  private final JobQueue jobs;
  private final FanoutFollowers followers;
  private final FanoutRepository rows = new FanoutRepository();
  private final int batchSize;
  private final Counter rowsWritten;
  private volatile GoingLiveDelivery delivery = GoingLiveDelivery.LOG_ONLY;

  GoingLiveFanout(Pool pool, JobQueue jobs, FanoutFollowers followers, int batchSize, MeterRegistry meters) {
    this.pool = pool;
    this.rowsWritten = Counter.builder("liveroom.fanout.rows")
      .description("Going-live inbox rows the fan-out committed on this node").register(meters);
    this.jobs = jobs;
    this.followers = followers;
    this.batchSize = batchSize;
  }

  void deliverWith(GoingLiveDelivery delivery) {
    this.delivery = delivery;
  }

  /** Enqueues the session's fan-out; a second enqueue for the same session is a no-op (null id). */
  Future<Long> enqueue(GoingLive live) {
    return jobs.enqueue(KIND, live.dedupeKey(), live.toJson());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JobStep> step(Job job) {
    GoingLive live = GoingLive.fromJson(job.payload());
    long after = job.cursor().getLong("after", 0L);
    long notified = job.cursor().getLong("notified", 0L);
    return followers.followerIds(live.hostId(), after, batchSize).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture(JobStep.DONE);
      }
      JsonObject next = new JsonObject().put("after", page.get(page.size() - 1));
      return pool.withTransaction(tx -> rows.insertBatch(tx, page, live)
          .compose(inserted -> job.advance(tx, next.put("notified", notified + inserted.size())).map(inserted)))
        .map(inserted -> {
          rowsWritten.increment(inserted.size());
          handOver(live, inserted);
          return page.size() < batchSize ? JobStep.DONE : JobStep.MORE;
        });
    });
  }

  private void handOver(GoingLive live, List<Long> inserted) {
    if (inserted.isEmpty()) {
      return;
    }
    try {
      delivery.delivered(live, inserted);
    } catch (RuntimeException e) {
      LOG.error("Going-live delivery of host {} session {} failed for {} users: {}", live.hostId(),
        live.sessionId(), inserted.size(), e.toString());
    }
  }
}
