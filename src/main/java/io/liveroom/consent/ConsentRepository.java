package io.liveroom.consent;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The consent ledger's SQL. Decisions are appended with their audit entry in one transaction. */
final class ConsentRepository {
  /** Serializes decisions of one user, so "unchanged, nothing appended" is decided race-free. */
  static final String LOCK_USER = "SELECT pg_advisory_xact_lock(6000, $1::int)";
  static final String LATEST = """
    SELECT purpose, granted, policy_version, source, at FROM consent_records
    WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1""";
  static final String APPEND = """
    INSERT INTO consent_records (user_id, purpose, granted, policy_version, source)
    VALUES ($1, $2, $3, $4, $5) RETURNING purpose, granted, policy_version, source, at""";
  static final String AUDIT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, ip, detail)
    VALUES ($1, $1, $2, 'consent_purpose', $3, $4, $5)""";
  static final String CURRENT = """
    SELECT purpose, granted, policy_version, source, at FROM current_consents WHERE user_id = $1""";
  static final String HISTORY = """
    SELECT purpose, granted, policy_version, source, at FROM consent_records
    WHERE user_id = $1 ORDER BY id""";
  static final String GRANTED_AMONG = """
    SELECT u.id FROM unnest($1::bigint[]) AS u(id)
    JOIN LATERAL (SELECT granted FROM consent_records r
                  WHERE r.user_id = u.id AND r.purpose = $2 ORDER BY r.id DESC LIMIT 1) latest ON latest.granted""";

  private final Pool pool;

  ConsentRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends the decision unless it equals the current one, auditing what was appended. Returns
   * the current decision afterwards and whether a row was appended.
   */
  Future<Appended> append(long userId, Purpose purpose, boolean granted, String policyVersion,
                          ConsentSource source, String ip) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK_USER).execute(Tuple.of(userId % Integer.MAX_VALUE))
      .compose(locked -> conn.preparedQuery(LATEST).execute(Tuple.of(userId, purpose.wire())))
      .compose(rows -> {
        Optional<ConsentDecision> latest = rows.size() == 0 ? Optional.empty() : Optional.of(toDecision(rows.iterator().next()));
        if (latest.isPresent() && latest.get().granted() == granted && latest.get().policyVersion().equals(policyVersion)) {
          return Future.succeededFuture(new Appended(latest.get(), false));
        }
        return insert(conn, userId, purpose, granted, policyVersion, source, ip).map(d -> new Appended(d, true));
      }));
  }

  private Future<ConsentDecision> insert(SqlConnection conn, long userId, Purpose purpose, boolean granted,
                                         String policyVersion, ConsentSource source, String ip) {
    JsonObject detail = new JsonObject().put("policyVersion", policyVersion).put("source", source.wire());
    String action = granted ? "consent.granted" : "consent.withdrawn";
    return conn.preparedQuery(APPEND)
      .execute(Tuple.of(userId, purpose.wire(), granted, policyVersion, source.wire()))
      .map(rows -> toDecision(rows.iterator().next()))
      .compose(d -> conn.preparedQuery(AUDIT).execute(Tuple.of(userId, action, purpose.wire(), ip, detail)).map(d));
  }

  Future<Optional<ConsentDecision>> latest(long userId, Purpose purpose) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(userId, purpose.wire()))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toDecision(rows.iterator().next())));
  }

  Future<List<ConsentDecision>> current(long userId) {
    return pool.preparedQuery(CURRENT).execute(Tuple.of(userId)).map(ConsentRepository::toList);
  }

  Future<List<ConsentDecision>> history(long userId) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(userId)).map(ConsentRepository::toList);
  }

  Future<Set<Long>> grantedAmong(Collection<Long> userIds, Purpose purpose) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(GRANTED_AMONG).execute(Tuple.of(userIds.toArray(new Long[0]), purpose.wire()))
      .map(rows -> {
        Set<Long> out = new HashSet<>();
        rows.forEach(r -> out.add(r.getLong(0)));
        return out;
      });
  }

  private static List<ConsentDecision> toList(Iterable<Row> rows) {
    List<ConsentDecision> out = new ArrayList<>();
    rows.forEach(r -> out.add(toDecision(r)));
    return out;
  }

  private static ConsentDecision toDecision(Row r) {
    return new ConsentDecision(Purpose.fromWire(r.getString("purpose")).orElseThrow(), r.getBoolean("granted"),
      r.getString("policy_version"), ConsentSource.fromWire(r.getString("source")).orElseThrow(),
      r.getOffsetDateTime("at"));
  }

  record Appended(ConsentDecision decision, boolean changed) {
  }
}
