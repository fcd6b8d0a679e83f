package io.liveroom.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-kind settings, quiet hours and muted hosts; and the one lookup a delivery makes. */
final class SettingsRepository {
  /** Everything one delivery needs to know, in one round trip; no settings row means both on. */
  static final String PREFERENCES = """
    SELECT coalesce(s.in_app, true) AS in_app, coalesce(s.push, true) AS push,
      q.start_minute, q.end_minute, q.time_zone,
      EXISTS (SELECT 1 FROM notification_muted_hosts m WHERE m.user_id = $1 AND m.host_id = $3) AS muted
    FROM (SELECT 1) one
    LEFT JOIN notification_settings s ON s.user_id = $1 AND s.kind = $2
    LEFT JOIN notification_quiet_hours q ON q.user_id = $1""";
  /** PREFERENCES for many users at once ($1 user ids, $2 kind, $3 actor): one row per user. */
  static final String PREFERENCES_OF = """
    SELECT u.id AS user_id, coalesce(s.in_app, true) AS in_app, coalesce(s.push, true) AS push,
      q.start_minute, q.end_minute, q.time_zone,
      EXISTS (SELECT 1 FROM notification_muted_hosts m WHERE m.user_id = u.id AND m.host_id = $3) AS muted
    FROM unnest($1::bigint[]) AS u(id)
    LEFT JOIN notification_settings s ON s.user_id = u.id AND s.kind = $2
    LEFT JOIN notification_quiet_hours q ON q.user_id = u.id""";
  static final String SETTINGS = "SELECT kind, in_app, push FROM notification_settings WHERE user_id = $1";
  /** A null leaves that flag as it was (on, for a new row). */
  static final String SET_KIND = """
    INSERT INTO notification_settings (user_id, kind, in_app, push) VALUES ($1, $2, coalesce($3, true), coalesce($4, true))
    ON CONFLICT (user_id, kind) DO UPDATE SET in_app = coalesce($3, notification_settings.in_app),
      push = coalesce($4, notification_settings.push)""";
  static final String QUIET = "SELECT start_minute, end_minute, time_zone FROM notification_quiet_hours WHERE user_id = $1";
  static final String SET_QUIET = """
    INSERT INTO notification_quiet_hours (user_id, start_minute, end_minute, time_zone) VALUES ($1, $2, $3, $4)
    ON CONFLICT (user_id) DO UPDATE SET start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute,
      time_zone = EXCLUDED.time_zone""";
  static final String CLEAR_QUIET = "DELETE FROM notification_quiet_hours WHERE user_id = $1";
  static final String MUTE = """
    INSERT INTO notification_muted_hosts (user_id, host_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""";
  static final String UNMUTE = "DELETE FROM notification_muted_hosts WHERE user_id = $1 AND host_id = $2";
  static final String MUTED = """
    SELECT host_id, created_at FROM notification_muted_hosts WHERE user_id = $1 ORDER BY created_at DESC, host_id LIMIT $2""";

  /** One kind's flags; a null flag is "unchanged". */
  record KindSetting(String kind, Boolean inApp, Boolean push) {
  }

  /** A muted host and since when. */
  record Muted(long hostId, OffsetDateTime since) {
  }

  private final Pool pool;

  SettingsRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Preferences> preferences(long userId, String kind, Long actorId) {
    return pool.preparedQuery(PREFERENCES).execute(Tuple.of(userId, kind, actorId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Preferences(r.getBoolean("in_app"), r.getBoolean("push"), quiet(r), r.getBoolean("muted"));
    });
  }

  /** {@link #preferences} of many users in one query, by user id. */
  Future<Map<Long, Preferences>> preferencesOf(List<Long> userIds, String kind, long actorId) {
    return pool.preparedQuery(PREFERENCES_OF).execute(Tuple.of(userIds.toArray(new Long[0]), kind, actorId))
      .map(rows -> {
        Map<Long, Preferences> out = new HashMap<>();
        rows.forEach(r -> out.put(r.getLong("user_id"),
          new Preferences(r.getBoolean("in_app"), r.getBoolean("push"), quiet(r), r.getBoolean("muted"))));
        return out;
      });
  }

  /** The stored rows only (kinds never set are absent: both on). */
  Future<Map<String, KindSetting>> settings(long userId) {
    return pool.preparedQuery(SETTINGS).execute(Tuple.of(userId)).map(rows -> {
      Map<String, KindSetting> out = new LinkedHashMap<>();
      rows.forEach(r -> out.put(r.getString("kind"),
        new KindSetting(r.getString("kind"), r.getBoolean("in_app"), r.getBoolean("push"))));
      return out;
    });
  }

  Future<Void> setKind(SqlClient tx, long userId, KindSetting s) {
    return tx.preparedQuery(SET_KIND).execute(Tuple.of(userId, s.kind(), s.inApp(), s.push())).mapEmpty();
  }

  /** Null when the user has none. */
  Future<QuietHours> quietHours(long userId) {
    return pool.preparedQuery(QUIET).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? null : quiet(rows.iterator().next()));
  }

  /** Sets the window, or clears it when {@code quiet} is null. */
  Future<Void> setQuietHours(SqlClient tx, long userId, QuietHours quiet) {
    return quiet == null ? tx.preparedQuery(CLEAR_QUIET).execute(Tuple.of(userId)).mapEmpty()
      : tx.preparedQuery(SET_QUIET).execute(Tuple.of(userId, (short) quiet.startMinute(), (short) quiet.endMinute(),
        quiet.zone().getId())).mapEmpty();
  }

  Future<Void> mute(long userId, long hostId) {
    return pool.preparedQuery(MUTE).execute(Tuple.of(userId, hostId)).mapEmpty();
  }

  Future<Void> unmute(long userId, long hostId) {
    return pool.preparedQuery(UNMUTE).execute(Tuple.of(userId, hostId)).mapEmpty();
  }

  Future<List<Muted>> muted(long userId, int limit) {
    return pool.preparedQuery(MUTED).execute(Tuple.of(userId, limit)).map(rows -> {
      List<Muted> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Muted(r.getLong("host_id"), r.getOffsetDateTime("created_at"))));
      return out;
    });
  }

  private static QuietHours quiet(Row r) {
    String zone = r.getString("time_zone");
    return zone == null ? null : new QuietHours(r.getShort("start_minute"), r.getShort("end_minute"), ZoneId.of(zone));
  }
}
