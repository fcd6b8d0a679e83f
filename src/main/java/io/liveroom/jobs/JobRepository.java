package io.liveroom.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code jobs} table. Every state change but {@link #enqueue} names the lease token of the
 * claim it belongs to, so a node whose lease expired and was taken over changes nothing.
 */
final class JobRepository {
  static final String ENQUEUE = """
    INSERT INTO jobs (kind, dedupe_key, payload, every_seconds, run_after)
    VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
    ON CONFLICT (kind, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id""";
  /** A recurring job exists once per kind; a changed interval is taken over. */
  static final String ENSURE_RECURRING = """
    INSERT INTO jobs (kind, dedupe_key, every_seconds, run_after)
    VALUES ($1, 'recurring', $2, now() + make_interval(secs => $2))
    ON CONFLICT (kind, dedupe_key) WHERE dedupe_key IS NOT NULL DO UPDATE SET every_seconds = EXCLUDED.every_seconds""";
  /** Due jobs of the given kinds, and running ones whose lease expired (their node died). */
  static final String CLAIM = """
    UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, locked_by = $3, lease_token = $4,
      locked_until = now() + make_interval(secs => $5)
    WHERE j.id IN (SELECT id FROM jobs
      WHERE kind = ANY($1::text[]) AND state IN ('pending', 'running') AND run_after <= now()
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY run_after, id LIMIT $2 FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.kind, j.payload, j.cursor, j.attempts""";
  static final String ADVANCE = """
    UPDATE jobs SET cursor = $3, locked_until = now() + make_interval(secs => $4)
    WHERE id = $1 AND lease_token = $2 AND state = 'running'""";
  /** Done; a recurring job is due again after its interval, from a fresh cursor. */
  static final String COMPLETE = """
    UPDATE jobs SET
      state = CASE WHEN every_seconds IS NULL THEN 'done' ELSE 'pending' END,
      run_after = CASE WHEN every_seconds IS NULL THEN run_after ELSE now() + make_interval(secs => every_seconds) END,
      cursor = CASE WHEN every_seconds IS NULL THEN cursor END,
      attempts = CASE WHEN every_seconds IS NULL THEN attempts ELSE 0 END,
      finished_at = CASE WHEN every_seconds IS NULL THEN now() END,
      locked_by = NULL, lease_token = NULL, locked_until = NULL
    WHERE id = $1 AND lease_token = $2""";
  /** A failed step: retried after $4 seconds, or given up after $3 attempts (a recurring job never is). */
  static final String FAIL = """
    UPDATE jobs SET
      state = CASE WHEN every_seconds IS NULL AND attempts >= $3 THEN 'failed' ELSE 'pending' END,
      finished_at = CASE WHEN every_seconds IS NULL AND attempts >= $3 THEN now() END,
      run_after = now() + make_interval(secs => $4), last_error = $5,
      locked_by = NULL, lease_token = NULL, locked_until = NULL
    WHERE id = $1 AND lease_token = $2""";
  /** A node stopping on purpose hands its job back at once (the claim is not counted as an attempt). */
  static final String RELEASE = """
    UPDATE jobs SET state = 'pending', attempts = greatest(attempts - 1, 0),
      locked_by = NULL, lease_token = NULL, locked_until = NULL
    WHERE id = $1 AND lease_token = $2""";
  static final String PURGE_FINISHED = """
    DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('done', 'failed') AND finished_at < $1 LIMIT $2)""";
  static final String FIND = "SELECT state, cursor, attempts FROM jobs WHERE kind = $1 AND dedupe_key = $2";

  private final Pool pool;

  JobRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** The new job's id, or null when a job of that kind and key already exists. */
  Future<Long> enqueue(String kind, String dedupeKey, JsonObject payload, long delaySeconds) {
    return pool.preparedQuery(ENQUEUE).execute(Tuple.of(kind, dedupeKey, payload, null, (double) delaySeconds))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  Future<Void> ensureRecurring(String kind, int everySeconds) {
    return pool.preparedQuery(ENSURE_RECURRING).execute(Tuple.of(kind, everySeconds)).mapEmpty();
  }

  Future<List<Job>> claim(List<String> kinds, int limit, String nodeId, String token, int leaseSeconds,
                          JobLease lease) {
    return pool.preparedQuery(CLAIM)
      .execute(Tuple.of(kinds.toArray(new String[0]), limit, nodeId, token, (double) leaseSeconds))
      .map(rows -> {
        List<Job> jobs = new ArrayList<>();
        for (Row r : rows) {
          JsonObject cursor = r.getJsonObject("cursor");
          jobs.add(new Job(r.getLong("id"), r.getString("kind"), r.getJsonObject("payload"),
            cursor == null ? new JsonObject() : cursor, r.getInteger("attempts"), token, lease));
        }
        return jobs;
      });
  }

  /** True when this claim still holds the job (the cursor is saved in the caller's transaction). */
  Future<Boolean> advance(SqlClient tx, long id, String token, JsonObject cursor, int leaseSeconds) {
    return tx.preparedQuery(ADVANCE).execute(Tuple.of(id, token, cursor, (double) leaseSeconds))
      .map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> complete(long id, String token) {
    return pool.preparedQuery(COMPLETE).execute(Tuple.of(id, token)).map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> fail(long id, String token, int maxAttempts, long retrySeconds, String error) {
    return pool.preparedQuery(FAIL).execute(Tuple.of(id, token, maxAttempts, (double) retrySeconds, error))
      .map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> release(long id, String token) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(id, token)).map(rows -> rows.rowCount() == 1);
  }

  Future<Integer> purgeFinished(Instant before, int limit) {
    return pool.preparedQuery(PURGE_FINISHED).execute(Tuple.of(before.atOffset(java.time.ZoneOffset.UTC), limit))
      .map(rows -> rows.rowCount());
  }

  /** The state of a job by kind and key, or null: for operations and tests. */
  Future<JobStatus> find(String kind, String dedupeKey) {
    return pool.preparedQuery(FIND).execute(Tuple.of(kind, dedupeKey)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      JsonObject cursor = r.getJsonObject("cursor");
      return new JobStatus(r.getString("state"), cursor == null ? new JsonObject() : cursor, r.getInteger("attempts"));
    });
  }
}
