package io.liveroom.notification;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.config.NotificationsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.jobs.JobQueue;
import io.liveroom.jobs.JobStatus;
import io.liveroom.jobs.JobWorker;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The notification capability: each user's inbox, their per-kind settings, quiet hours and muted
 * hosts, live delivery on the personal channel, and the durable going-live fan-out. It owns
 * {@code notifications}, {@code notification_settings}, {@code notification_quiet_hours} and
 * {@code notification_muted_hosts}. Other capabilities notify through {@link #notifier}, reached
 * by adapters in the bootstrap from seams they own (social's follow listener, rewards' gift
 * listener, rooms' moderation notices, privacy's notices, posts' notices); blocks are asked through
 * {@link NotificationBlocks}, pushes handed to a {@link PushGateway}. A host going live (rooms'
 * seam, answered through {@link #goingLive}) enqueues a durable job that writes one inbox row per
 * follower (asked of social through {@link FanoutFollowers}); this node's {@link JobWorker} runs
 * such jobs, whichever node enqueued them.
 */
public final class NotificationCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationCapability.class);

  private final Notifier notifier;
  private final List<HttpRoutes> routes;
  private final NotificationPersonalData personalData;
  private final List<RetentionRule> retention;
  private final JobQueue jobs;
  private final GoingLiveFanout fanout;
  private final JobWorker worker;

  public NotificationCapability(Platform platform, Realtime realtime, PeopleDirectory people, NotificationBlocks blocks,
                                PushGateway push, BearerAuth auth, FanoutFollowers followers) {
    Pool pool = platform.pool();
    AppConfig app = platform.config();
    NotificationsConfig config = app.notifications();
    InboxRepository inbox = new InboxRepository(pool);
    SettingsRepository settings = new SettingsRepository(pool);
    this.notifier = new Notifier(inbox, settings, blocks, people, realtime, push, platform.clock());
    this.routes = List.of(new InboxRoutes(new InboxService(inbox, people), auth, config.pageMax()),
      new SettingsRoutes(new SettingsService(settings, people), auth));
    this.personalData = new NotificationPersonalData(new NotificationDataRepository(pool));
    this.jobs = new JobQueue(pool);
    this.fanout = new GoingLiveFanout(pool, jobs, followers, app.jobs().fanoutBatchSize(), platform.meters());
    this.fanout.deliverWith(notifier::goingLiveBatch);
    this.worker = new JobWorker(platform.vertx(), jobs, app.jobs(), app.nodeId(), List.of(fanout));
    this.retention = List.of(new RetentionRule(NotificationPersonalData.inbox(inbox), config.retentionDays()),
      new RetentionRule(jobs.finishedJobs(), app.jobs().keepFinishedDays()));
  }

  @Override
  public String name() {
    return "notification";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
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

  /**
   * Inbox items are purged after {@code notifications.retentionDays}; finished jobs (their payloads
   * name the host) after {@code jobs.keepFinishedDays}.
   */
  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /** The one way to notify a user. */
  public Notifier notifier() {
    return notifier;
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

  /** Replaces where committed going-live batches go (tests observe or interrupt the job here). */
  public void deliverGoingLiveWith(GoingLiveDelivery delivery) {
    fanout.deliverWith(delivery);
  }

  /** The fan-out job of a live session, or null: for operations and tests. */
  public Future<JobStatus> fanoutStatus(long sessionId) {
    return jobs.status(GoingLiveFanout.KIND, new GoingLive(0, sessionId, 0).dedupeKey());
  }
}
