package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * SQL of verified email: the pending change ({@code email_verifications}) and the account's
 * verified address ({@code users.email}, {@code users.email_verified_at}).
 */
final class EmailRepository {
  /** Replaces the pending change unless the last one was asked for less than $6 seconds ago. */
  static final String UPSERT_PENDING = """
    INSERT INTO email_verifications (user_id, email, code_hash, attempts, expires_at, created_at)
    VALUES ($1, $2, $3, 0, $4, $5)
    ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, code_hash = EXCLUDED.code_hash, attempts = 0,
      expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
    WHERE email_verifications.created_at <= EXCLUDED.created_at - make_interval(secs => $6::int)
    RETURNING user_id""";
  static final String PENDING_CREATED = "SELECT created_at FROM email_verifications WHERE user_id = $1";
  static final String LOCK_PENDING = """
    SELECT email, code_hash, attempts, expires_at FROM email_verifications WHERE user_id = $1 FOR UPDATE""";
  static final String COUNT_WRONG = "UPDATE email_verifications SET attempts = attempts + 1 WHERE user_id = $1";
  static final String DELETE_PENDING = "DELETE FROM email_verifications WHERE user_id = $1";
  static final String SET_VERIFIED = """
    UPDATE users SET email = $2, email_verified_at = $3, updated_at = now() WHERE id = $1""";
  static final String CREDENTIALS_BY_EMAIL = """
    SELECT id, password_hash, status, role, phone_idx FROM users
    WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL""";
  static final String EXPORT_PENDING = """
    SELECT email, expires_at, created_at FROM email_verifications WHERE user_id = $1""";
  static final String PURGE_EXPIRED = """
    DELETE FROM email_verifications WHERE user_id IN (
      SELECT user_id FROM email_verifications WHERE expires_at < $1 LIMIT $2)""";

  private final Pool pool;

  EmailRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** False when a change was asked for within {@code cooldownSeconds}: nothing replaced. */
  Future<Boolean> upsertPending(long userId, String email, String codeHash, Instant expiresAt, Instant now,
                                int cooldownSeconds) {
    return pool.preparedQuery(UPSERT_PENDING).execute(Tuple.of(userId, email, codeHash, utc(expiresAt), utc(now),
      cooldownSeconds)).map(rows -> rows.size() == 1);
  }

  Future<Optional<Instant>> pendingCreatedAt(long userId) {
    return pool.preparedQuery(PENDING_CREATED).execute(Tuple.of(userId))
      .map(rows -> UserRepository.first(rows).map(r -> r.getOffsetDateTime("created_at").toInstant()));
  }

  /** {@code email}, {@code code_hash}, {@code attempts}, {@code expires_at}; the row locked for {@code tx}. */
  Future<Optional<Row>> lockPending(SqlClient tx, long userId) {
    return tx.preparedQuery(LOCK_PENDING).execute(Tuple.of(userId)).map(UserRepository::first);
  }

  Future<Void> countWrong(SqlClient tx, long userId) {
    return tx.preparedQuery(COUNT_WRONG).execute(Tuple.of(userId)).mapEmpty();
  }

  Future<Void> deletePending(SqlClient client, long userId) {
    return client.preparedQuery(DELETE_PENDING).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Fails with 23505 when another account has verified the same address. */
  Future<Void> setVerified(SqlClient tx, long userId, String email, Instant at) {
    return tx.preparedQuery(SET_VERIFIED).execute(Tuple.of(userId, email, utc(at))).mapEmpty();
  }

  /** The login view of the account whose verified email this is, and its phone's blind index (may be null). */
  Future<Optional<Row>> credentialsByEmail(String email) {
    return pool.preparedQuery(CREDENTIALS_BY_EMAIL).execute(Tuple.of(email)).map(UserRepository::first);
  }

  Future<Optional<Row>> exportPending(long userId) {
    return pool.preparedQuery(EXPORT_PENDING).execute(Tuple.of(userId)).map(UserRepository::first);
  }

  Future<Integer> purgeExpired(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_EXPIRED).execute(Tuple.of(utc(cutoff), limit)).map(rows -> rows.rowCount());
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
