package io.liveroom.notification;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.jobs.JobQueue;
import io.liveroom.jobs.JobStatus;
import io.liveroom.jobs.JobWorker;
import io.liveroom.personaldata.RetentionRule;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Notifications. On this branch only the going-live fan-out: a host going live (rooms' seam,
 * answered by the bootstrap through {@link #goingLive}) enqueues a durable job that writes one
 * inbox row per follower (asked of social through {@link FanoutFollowers}); this node's
 * {@link JobWorker} runs such jobs, whichever node enqueued them. The inbox routes, settings and
 * push join this capability at merge.
 */
public final class NotificationCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationCapability.class);

  private final JobQueue jobs;
  private final GoingLiveFanout fanout;
  private final JobWorker worker;
  private final List<RetentionRule> retention;

  public NotificationCapability(Platform platform, FanoutFollowers followers) {
    AppConfig app = platform.config();
    this.jobs = new JobQueue(platform.pool());
    this.fanout = new GoingLiveFanout(platform.pool(), jobs, followers, app.jobs().fanoutBatchSize(),
      platform.meters());
    this.worker = new JobWorker(platform.vertx(), jobs, app.jobs(), app.nodeId(), List.of(fanout));
    this.retention = List.of(new RetentionRule(jobs.finishedJobs(), app.jobs().keepFinishedDays()));
  }

  @Override
  public String name() {
    return "notification";
  }

  @Override
  public Future<Void> start() {
    worker.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    worker.stop();
    return Future.succeededFuture();
  }

  /** A fan-out step in progress ends, and its job is handed back for another node to resume at once. */
  @Override
  public Future<Void> drain() {
    return worker.stop();
  }

  /** Finished jobs (their payloads name the host) are kept {@code jobs.keepFinishedDays}. */
  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /**
   * A host went live: enqueues the session's fan-out (once per session, however often this is
   * called) and wakes this node's worker. Returns at once; the enqueue's failure is logged.
   */
  public void goingLive(long roomId, long sessionId, long hostId) {
    GoingLive live = new GoingLive(roomId, sessionId, hostId);
    fanout.enqueue(live)
      .onSuccess(id -> worker.wake())
      .onFailure(e -> LOG.error("Could not enqueue the going-live fan-out of host {} session {}: {}", hostId,
        sessionId, e.toString()));
  }

  /** Wires the live publication and push of each committed batch (the lead's merge); a DEBUG log until then. */
  public void deliverGoingLiveWith(GoingLiveDelivery delivery) {
    fanout.deliverWith(delivery);
  }

  /** The fan-out job of a live session, or null: for operations and tests. */
  public Future<JobStatus> fanoutStatus(long sessionId) {
    return jobs.status(GoingLiveFanout.KIND, new GoingLive(0, sessionId, 0).dedupeKey());
  }
}
