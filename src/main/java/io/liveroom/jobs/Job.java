package io.liveroom.jobs;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

/**
 * A job this node holds under a lease: its kind, payload, the cursor its last committed step
 * saved (empty at first), and how many times it has been claimed (more than 1 after a node died
 * or a step failed).
 */
public final class Job {
  private final long id;
  private final String kind;
  private final JsonObject payload;
  private final JsonObject cursor;
  private final int attempts;
  private final String token;
  private final JobLease lease;

  Job(long id, String kind, JsonObject payload, JsonObject cursor, int attempts, String token, JobLease lease) {
    this.id = id;
    this.kind = kind;
    this.payload = payload;
    this.cursor = cursor;
    this.attempts = attempts;
    this.token = token;
    this.lease = lease;
  }

  /**
   * Saves the cursor in the caller's transaction {@code tx} and renews the lease. Fails with
   * {@code job_lease_lost} when another node took the job over (this node's lease expired): the
   * caller's transaction then rolls back, so a step's work commits only together with its cursor,
   * and only by the node that holds the job.
   */
  public Future<Void> advance(SqlClient tx, JsonObject next) {
    return lease.advance(tx, id, token, next).compose(held -> {
      if (!held) {
        return Future.failedFuture(AppException.of(ErrorCode.JOB_LEASE_LOST,
          "Job " + id + " (" + kind + ") was taken over by another node."));
      }
      cursor.clear().mergeIn(next);
      return Future.succeededFuture();
    });
  }

  public long id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public JsonObject payload() {
    return payload;
  }

  /** The last saved cursor (a copy of what {@link #advance} committed). */
  public JsonObject cursor() {
    return cursor;
  }

  public int attempts() {
    return attempts;
  }

  String token() {
    return token;
  }
}
