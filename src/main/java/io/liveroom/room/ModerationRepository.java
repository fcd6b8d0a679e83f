package io.liveroom.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL for moderators, restrictions and the moderation audit trail. */
final class ModerationRepository {
  static final String MODERATORS = "SELECT user_id FROM room_moderators WHERE room_id = $1";
  static final String IS_MODERATOR = "SELECT 1 FROM room_moderators WHERE room_id = $1 AND user_id = $2";
  static final String ADD_MODERATOR = """
    INSERT INTO room_moderators (room_id, user_id, appointed_by) VALUES ($1, $2, $3)
    ON CONFLICT (room_id, user_id) DO NOTHING""";
  static final String REMOVE_MODERATOR = "DELETE FROM room_moderators WHERE room_id = $1 AND user_id = $2";
  static final String UPSERT_RESTRICTION = """
    INSERT INTO room_restrictions (room_id, user_id, kind, until, created_by) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (room_id, user_id, kind) DO UPDATE SET until = EXCLUDED.until,
      created_by = EXCLUDED.created_by, created_at = now()""";
  static final String DELETE_RESTRICTION = "DELETE FROM room_restrictions WHERE room_id = $1 AND user_id = $2 AND kind = $3";
  static final String ACTIVE_RESTRICTIONS = """
    SELECT user_id, kind, until FROM room_restrictions
    WHERE room_id = $1 AND (until IS NULL OR until > now())""";
  static final String AUDIT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, detail)
    VALUES ($1, $2, $3, 'room', $4, $5)""";

  private final Pool pool;

  ModerationRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Long>> moderators(long roomId) {
    return pool.preparedQuery(MODERATORS).execute(Tuple.of(roomId)).map(rows -> {
      List<Long> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  Future<Boolean> isModerator(long roomId, long userId) {
    return pool.preparedQuery(IS_MODERATOR).execute(Tuple.of(roomId, userId)).map(rows -> rows.size() > 0);
  }

  Future<Void> addModerator(long roomId, long userId, long by) {
    return pool.preparedQuery(ADD_MODERATOR).execute(Tuple.of(roomId, userId, by)).mapEmpty();
  }

  Future<Void> removeModerator(long roomId, long userId) {
    return pool.preparedQuery(REMOVE_MODERATOR).execute(Tuple.of(roomId, userId)).mapEmpty();
  }

  Future<Void> restrict(long roomId, long userId, Restriction kind, Duration duration, long by) {
    OffsetDateTime until = duration == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plus(duration);
    return pool.preparedQuery(UPSERT_RESTRICTION).execute(Tuple.of(roomId, userId, kind.wire(), until, by)).mapEmpty();
  }

  Future<Void> lift(long roomId, long userId, Restriction kind) {
    return pool.preparedQuery(DELETE_RESTRICTION).execute(Tuple.of(roomId, userId, kind.wire())).mapEmpty();
  }

  Future<List<RestrictionRow>> activeRestrictions(long roomId) {
    return pool.preparedQuery(ACTIVE_RESTRICTIONS).execute(Tuple.of(roomId)).map(rows -> {
      List<RestrictionRow> out = new ArrayList<>();
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      for (Row r : rows) {
        OffsetDateTime until = r.getOffsetDateTime("until");
        out.add(new RestrictionRow(r.getLong("user_id"), Restriction.valueOf(r.getString("kind").toUpperCase()),
          until == null ? null : Duration.between(now, until)));
      }
      return out;
    });
  }

  /** Appends to the audit log: who did what to whom, in which room. */
  Future<Void> audit(long actorId, Long subjectId, String action, long roomId, JsonObject detail) {
    return pool.preparedQuery(AUDIT)
      .execute(Tuple.of(actorId, subjectId, action, Long.toString(roomId), detail))
      .mapEmpty();
  }
}
