package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static io.liveroom.privacy.ExportRepository.utc;

/**
 * SQL for account cancellations: request, withdrawal, and the erasure job's claim. The account's
 * own status lives with accounts and is changed through {@link io.liveroom.account.AccountStatus}
 * in the same transaction.
 */
final class CancellationRepository {
  static final String PENDING = """
    SELECT requested_at, erase_after FROM account_cancellations WHERE user_id = $1 AND status = 'pending'""";
  static final String UPSERT = """
    INSERT INTO account_cancellations (user_id, status, requested_at, requested_by, erase_after, previous_status)
    VALUES ($1, 'pending', $2, $3, $4, $5)
    ON CONFLICT (user_id) DO UPDATE SET status = 'pending', requested_at = $2, requested_by = $3, erase_after = $4,
      previous_status = $5, withdrawn_at = NULL
    WHERE account_cancellations.status = 'withdrawn'
    RETURNING user_id""";
  static final String LOCK_PENDING = """
    SELECT previous_status, erase_after FROM account_cancellations
    WHERE user_id = $1 AND status = 'pending' FOR UPDATE""";
  static final String WITHDRAW = """
    UPDATE account_cancellations SET status = 'withdrawn', withdrawn_at = $2 WHERE user_id = $1""";
  static final String CLAIM_DUE = """
    SELECT user_id FROM account_cancellations
    WHERE status = 'pending' AND erase_after <= $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
    ORDER BY erase_after LIMIT 1 FOR UPDATE SKIP LOCKED""";
  static final String MARK_ERASED = """
    UPDATE account_cancellations SET status = 'erased', erased_at = $2, erased_by_node = $3 WHERE user_id = $1""";
  static final String DEFER = """
    UPDATE account_cancellations SET attempts = attempts + 1,
      next_attempt_at = $2::timestamptz + make_interval(mins => LEAST(1440, 5 * (1 << LEAST(attempts, 8))))
    WHERE user_id = $1 AND status = 'pending'""";
  static final String AUDIT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, detail)
    VALUES ($1, $2, $3, 'user', $4, $5)""";

  private final Pool pool;

  CancellationRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Optional<OffsetDateTime>> pendingEraseAfter(long userId) {
    return pool.preparedQuery(PENDING).execute(Tuple.of(userId)).map(rows -> rows.size() == 0 ? Optional.empty()
      : Optional.of(rows.iterator().next().getOffsetDateTime("erase_after")));
  }

  /** False when a cancellation is already pending (or the account was erased). */
  Future<Boolean> insertPending(SqlConnection tx, long userId, long by, Instant at, Instant eraseAfter, String previous) {
    return tx.preparedQuery(UPSERT).execute(Tuple.of(userId, utc(at), by, utc(eraseAfter), previous))
      .map(rows -> rows.size() > 0);
  }

  /** The pending row, locked: its previous status and erase time. */
  Future<Optional<Row>> lockPending(SqlConnection tx, long userId) {
    return tx.preparedQuery(LOCK_PENDING).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  Future<Void> withdraw(SqlConnection tx, long userId, Instant at) {
    return tx.preparedQuery(WITHDRAW).execute(Tuple.of(userId, utc(at))).mapEmpty();
  }

  /** The next due account no other node is erasing, locked until the transaction ends; empty when none. */
  Future<Optional<Long>> claimDue(SqlConnection tx, Instant now) {
    return tx.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now)))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("user_id")));
  }

  Future<Void> markErased(SqlConnection tx, long userId, Instant at, String nodeId) {
    return tx.preparedQuery(MARK_ERASED).execute(Tuple.of(userId, utc(at), nodeId)).mapEmpty();
  }

  /** After a failed erasure: retried later, with a backoff growing to a day. */
  Future<Void> defer(long userId, Instant now) {
    return pool.preparedQuery(DEFER).execute(Tuple.of(userId, utc(now))).mapEmpty();
  }

  Future<Void> audit(SqlConnection tx, Long actorId, long subjectId, String action, JsonObject detail) {
    return tx.preparedQuery(AUDIT).execute(Tuple.of(actorId, subjectId, action, Long.toString(subjectId), detail))
      .mapEmpty();
  }
}
