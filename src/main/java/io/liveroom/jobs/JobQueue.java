package io.liveroom.jobs;

import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;


/**
 * The one durable job mechanism of Liveroom: a PostgreSQL table ({@code jobs}) that any node
 * claims from with {@code FOR UPDATE SKIP LOCKED}, under a lease. Capabilities enqueue here and
 * run their kinds with a {@link JobWorker}. Guarantees: an enqueue with a dedupe key is idempotent
 * per kind; a job runs on one node at a time while its lease holds; a step's writes and cursor
 * commit together ({@link Job#advance}); a job whose node died is resumed from its last cursor by
 * another node once the lease expired. Delivery of a step is at-least-once, so steps write
 * idempotently (the fan-out's inbox rows carry a unique dedupe key).
 */
public final class JobQueue {
  private final JobRepository jobs;

  public JobQueue(Pool pool) {
    this.jobs = new JobRepository(pool);
  }

  JobRepository repository() {
    return jobs;
  }

  /**
   * Enqueues a job due now, once per {@code kind} and {@code dedupeKey}: succeeds with its id, or
   * with null when that job already exists (whatever its state).
   */
  public Future<Long> enqueue(String kind, String dedupeKey, JsonObject payload) {
    return jobs.enqueue(kind, dedupeKey, payload, 0);
  }

  /** Makes sure one recurring job of {@code kind} exists cluster-wide, due every {@code everySeconds}. */
  public Future<Void> ensureRecurring(String kind, int everySeconds) {
    return jobs.ensureRecurring(kind, everySeconds);
  }

  /** Where the job of {@code kind} and {@code dedupeKey} stands, or null when there is none. */
  public Future<JobStatus> status(String kind, String dedupeKey) {
    return jobs.find(kind, dedupeKey);
  }

  /**
   * Finished jobs (done or given up), for a retention rule: their payloads name users (a host's id),
   * so they are not kept longer than {@code jobs.keepFinishedDays}.
   */
  public RetentionTarget finishedJobs() {
    return RetentionTarget.of("finished_jobs", jobs::purgeFinished);
  }
}
