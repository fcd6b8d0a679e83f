package io.liveroom.notification;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Notifications' personal data for the privacy flows: export queries and the erasure statements. */
final class NotificationDataRepository {
  static final String ITEMS = """
    SELECT id, kind, actor_id, subject, payload, read_at, created_at FROM notifications WHERE user_id = $1 ORDER BY id""";
  static final String SETTINGS = "SELECT kind, in_app, push FROM notification_settings WHERE user_id = $1 ORDER BY kind";
  static final String QUIET = "SELECT start_minute, end_minute, time_zone FROM notification_quiet_hours WHERE user_id = $1";
  static final String MUTED = "SELECT host_id, created_at FROM notification_muted_hosts WHERE user_id = $1 ORDER BY created_at";
  static final String ERASE_ITEMS = "DELETE FROM notifications WHERE user_id = $1";
  /** Items the user caused in others' inboxes stay, without the actor: no name is left behind. */
  static final String DETACH_ACTOR = "UPDATE notifications SET actor_id = NULL WHERE actor_id = $1";
  static final String ERASE_SETTINGS = "DELETE FROM notification_settings WHERE user_id = $1";
  static final String ERASE_QUIET = "DELETE FROM notification_quiet_hours WHERE user_id = $1";
  static final String ERASE_MUTES = "DELETE FROM notification_muted_hosts WHERE user_id = $1 OR host_id = $1";

  private final Pool pool;

  NotificationDataRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> export(long userId, ExportWriter out) {
    Tuple id = Tuple.of(userId);
    return out.query(pool, "notifications", ITEMS, id, r -> new JsonObject().put("id", r.getLong("id"))
        .put("kind", r.getString("kind")).put("actorId", r.getLong("actor_id")).put("subject", r.getString("subject"))
        .put("payload", r.getValue("payload")).put("read", r.getValue("read_at") != null)
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()))
      .compose(v -> out.query(pool, "notificationSettings", SETTINGS, id, r -> new JsonObject()
        .put("kind", r.getString("kind")).put("inApp", r.getBoolean("in_app")).put("push", r.getBoolean("push"))))
      .compose(v -> pool.preparedQuery(QUIET).execute(id))
      .compose(rows -> out.object("notificationQuietHours", rows.size() == 0 ? null : new JsonObject()
        .put("startMinute", rows.iterator().next().getShort("start_minute").intValue())
        .put("endMinute", rows.iterator().next().getShort("end_minute").intValue())
        .put("timeZone", rows.iterator().next().getString("time_zone"))))
      .compose(v -> out.query(pool, "notificationMutedHosts", MUTED, id, r -> new JsonObject()
        .put("hostId", r.getLong("host_id")).put("since", r.getOffsetDateTime("created_at").toInstant().toString())));
  }

  /** Erases everything notifications hold about the user, through the erasure transaction {@code tx}. */
  Future<Void> erase(SqlClient tx, long userId) {
    Tuple id = Tuple.of(userId);
    Future<?> chain = Future.succeededFuture();
    for (String sql : new String[] {ERASE_ITEMS, DETACH_ACTOR, ERASE_SETTINGS, ERASE_QUIET, ERASE_MUTES}) {
      chain = chain.compose(v -> tx.preparedQuery(sql).execute(id));
    }
    return chain.mapEmpty();
  }
}
