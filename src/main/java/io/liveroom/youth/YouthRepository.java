package io.liveroom.youth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/** SQL for {@code youth_settings}, and the audit rows of youth-mode changes. */
final class YouthRepository {
  static final String FIND = """
    SELECT enabled, password_hash, time_zone, guardian_evidence_ref FROM youth_settings WHERE user_id = $1""";
  static final String UPSERT = """
    INSERT INTO youth_settings (user_id, enabled, password_hash, time_zone, guardian_evidence_ref, updated_at)
    VALUES ($1, $2, $3, $4, $5, now())
    ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, password_hash = EXCLUDED.password_hash,
      time_zone = EXCLUDED.time_zone, guardian_evidence_ref = EXCLUDED.guardian_evidence_ref, updated_at = now()""";
  static final String AUDIT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, ip, detail)
    VALUES ($1, $2, $3, 'user', $4, $5, $6)""";
  static final String EXPORT = """
    SELECT enabled, time_zone, password_hash IS NOT NULL AS password_set, guardian_evidence_ref, updated_at
    FROM youth_settings WHERE user_id = $1""";
  static final String DELETE = "DELETE FROM youth_settings WHERE user_id = $1";

  private final Pool pool;

  YouthRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Optional<YouthSettings>> find(long userId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new YouthSettings(r.getBoolean("enabled"), r.getString("password_hash"),
        r.getString("time_zone"), r.getString("guardian_evidence_ref")));
    });
  }

  /** Stores the settings and audits the change in one transaction. */
  Future<Void> save(long userId, YouthSettings s, Long actorId, String action, String ip, JsonObject detail) {
    return pool.withTransaction(tx -> tx.preparedQuery(UPSERT)
        .execute(Tuple.of(userId, s.enabled(), s.passwordHash(), s.timeZone(), s.guardianEvidenceRef()))
        .compose(v -> tx.preparedQuery(AUDIT).execute(Tuple.of(actorId, userId, action, Long.toString(userId), ip,
          detail))))
      .mapEmpty();
  }

  /** The user's settings for an export (never the password hash); empty when none are stored. */
  Future<Optional<JsonObject>> exportRow(long userId) {
    return pool.preparedQuery(EXPORT).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("enabled", r.getBoolean("enabled")).put("timeZone", r.getString("time_zone"))
        .put("passwordSet", r.getBoolean("password_set")).put("guardianEvidenceRef", r.getString("guardian_evidence_ref"))
        .put("updatedAt", r.getOffsetDateTime("updated_at").toString()));
    });
  }

  Future<Void> delete(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(userId)).mapEmpty();
  }
}
