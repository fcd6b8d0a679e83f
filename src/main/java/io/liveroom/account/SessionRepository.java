package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** SQL for login sessions and their refresh tokens (stored as SHA-256 hashes only). */
public final class SessionRepository {
  static final String INSERT_SESSION = """
    INSERT INTO sessions (id, user_id, device_name, user_agent, ip, expires_at)
    VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))""";
  static final String INSERT_TOKEN = "INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)";
  static final String FIND_TOKEN = """
    SELECT t.session_id, t.rotated_at, s.user_id, s.revoked_at, s.expires_at < now() AS expired,
           u.role, u.status
    FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
    WHERE t.token_hash = $1""";
  static final String MARK_ROTATED = """
    UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1 AND rotated_at IS NULL RETURNING session_id""";
  static final String TOUCH = "UPDATE sessions SET last_used_at = now(), ip = $2 WHERE id = $1";
  static final String REVOKE = """
    UPDATE sessions SET revoked_at = now(), revoke_reason = $3
    WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id""";
  static final String REVOKE_ALL = """
    UPDATE sessions SET revoked_at = now(), revoke_reason = $2
    WHERE user_id = $1 AND revoked_at IS NULL RETURNING id""";
  static final String ACTIVE = """
    SELECT id, device_name, user_agent, ip, created_at, last_used_at, expires_at
    FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
    ORDER BY last_used_at DESC""";
  /**
   * The session gate's slow path, with the cache's meaning: the account's status (null when no such
   * user) and whether the session was revoked (a session without a row is not a login session, and
   * a deleted one belongs to an erased, so cancelled, account).
   */
  static final String GATE_STATE = """
    SELECT (SELECT status FROM users WHERE id = $2) AS status,
           EXISTS (SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NOT NULL) AS revoked""";
  /** Sessions revoked recently enough that an access token of theirs may still be unexpired. */
  static final String RECENT_REVOCATIONS = """
    SELECT id FROM sessions WHERE revoked_at IS NOT NULL AND revoked_at > now() - make_interval(secs => $1::int)""";
  /** Accounts that left the active status recently enough that an access token may still be unexpired. */
  static final String RECENTLY_DISABLED = """
    SELECT id, status FROM users WHERE status <> 'active' AND updated_at > now() - make_interval(secs => $1::int)""";

  static final String ALL_OF_USER = """
    SELECT id, device_name, user_agent, ip, created_at, last_used_at, expires_at, revoked_at, revoke_reason
    FROM sessions WHERE user_id = $1 ORDER BY created_at""";
  static final String DELETE_ALL_OF_USER = "DELETE FROM sessions WHERE user_id = $1";

  /** What the session gate needs to know about one access token's session and account (status null: no user). */
  public record GateState(String status, boolean revoked) {
  }

  /** A refresh token's state, read before deciding whether to rotate or to treat it as reuse. */
  public record TokenState(UUID sessionId, boolean rotated, long userId, boolean revoked, boolean expired,
                           Role role, String status) {
  }

  private final Pool pool;

  public SessionRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> create(UUID id, long userId, DeviceInfo device, int ttlDays, byte[] tokenHash) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_SESSION)
      .execute(Tuple.of(id, userId, device.name(), device.userAgent(), device.ip(), ttlDays))
      .compose(r -> insertToken(tx, tokenHash, id)));
  }

  public Future<Optional<TokenState>> find(byte[] tokenHash) {
    return pool.preparedQuery(FIND_TOKEN).execute(Tuple.of(Buffer.buffer(tokenHash)))
      .map(rows -> UserRepository.first(rows).map(r -> new TokenState(r.getUUID("session_id"),
        r.getOffsetDateTime("rotated_at") != null, r.getLong("user_id"), r.getOffsetDateTime("revoked_at") != null,
        r.getBoolean("expired"), Role.fromWire(r.getString("role")), r.getString("status"))));
  }

  /** Rotates atomically: false when the old token was rotated concurrently (then it is a reuse). */
  public Future<Boolean> rotate(byte[] oldHash, byte[] newHash, UUID sessionId, String ip) {
    return pool.withTransaction(tx -> tx.preparedQuery(MARK_ROTATED).execute(Tuple.of(Buffer.buffer(oldHash)))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
        : insertToken(tx, newHash, sessionId)
          .compose(v -> tx.preparedQuery(TOUCH).execute(Tuple.of(sessionId, ip)))
          .map(true)));
  }

  private static Future<Void> insertToken(SqlClient tx, byte[] hash, UUID sessionId) {
    return tx.preparedQuery(INSERT_TOKEN).execute(Tuple.of(Buffer.buffer(hash), sessionId)).mapEmpty();
  }

  public Future<Boolean> revoke(UUID sessionId, long userId, String reason) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(sessionId, userId, reason)).map(rows -> rows.size() == 1);
  }

  public Future<List<UUID>> revokeAll(SqlClient client, long userId, String reason) {
    return client.preparedQuery(REVOKE_ALL).execute(Tuple.of(userId, reason)).map(SessionRepository::ids);
  }

  public Future<RowSet<Row>> active(long userId) {
    return pool.preparedQuery(ACTIVE).execute(Tuple.of(userId));
  }

  /** {@code sessionId} null when the token's session id is not a login session's. */
  public Future<GateState> gateState(UUID sessionId, long userId) {
    return pool.preparedQuery(GATE_STATE).execute(Tuple.of(sessionId, userId))
      .map(rows -> {
        Row r = rows.iterator().next();
        return new GateState(r.getString("status"), r.getBoolean("revoked"));
      });
  }

  public Future<List<UUID>> recentRevocations(int withinSeconds) {
    return pool.preparedQuery(RECENT_REVOCATIONS).execute(Tuple.of(withinSeconds)).map(SessionRepository::ids);
  }

  /** User id to status, for accounts not active and changed within the window. */
  public Future<Map<Long, String>> recentlyDisabled(int withinSeconds) {
    return pool.preparedQuery(RECENTLY_DISABLED).execute(Tuple.of(withinSeconds)).map(rows -> {
      Map<Long, String> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), r.getString("status")));
      return out;
    });
  }

  /** Every session of the user, revoked ones too, oldest first, streamed into the export as {@code category}. */
  public Future<Void> exportAll(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, ALL_OF_USER, Tuple.of(userId), mapper);
  }

  /** Erasure: every session of the user goes (their refresh tokens with them), inside {@code tx}. */
  public Future<Void> deleteAll(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_ALL_OF_USER).execute(Tuple.of(userId)).mapEmpty();
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getUUID("id")));
    return out;
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
