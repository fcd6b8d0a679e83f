package io.liveroom.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The inbox rows: one insert per delivery (idempotent by dedupe key), pages, read marks, deletes, purge. */
final class InboxRepository {
  /** A second delivery with the same dedupe key inserts nothing and returns no row. */
  static final String INSERT = """
    INSERT INTO notifications (user_id, kind, actor_id, subject, payload, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id, kind, actor_id, subject, payload, read_at, created_at""";
  static final String PAGE = """
    SELECT id, kind, actor_id, subject, payload, read_at, created_at FROM notifications
    WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3""";
  static final String UNREAD = "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
  static final String MARK_READ = "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2";
  static final String MARK_ALL_READ = "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL";
  static final String DELETE = "DELETE FROM notifications WHERE id = $1 AND user_id = $2";
  static final String PURGE = """
    DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE created_at < $1 LIMIT $2)""";

  private final Pool pool;

  InboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** The new row, or empty when this user already has an item with that dedupe key. */
  Future<Optional<Notification>> insert(long userId, String kind, Long actorId, String subject, JsonObject payload,
                                        String dedupeKey) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {userId, kind, actorId, subject,
        payload == null ? new JsonObject() : payload, dedupeKey}))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /** Newest first, ids below {@code before}. */
  Future<List<Notification>> page(long userId, long before, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(userId, before, limit)).map(rows -> {
      List<Notification> out = new ArrayList<>();
      rows.forEach(r -> out.add(read(r)));
      return out;
    });
  }

  Future<Long> unread(long userId) {
    return pool.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** False when the user has no such item. */
  Future<Boolean> markRead(long userId, long id) {
    return pool.preparedQuery(MARK_READ).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() > 0);
  }

  Future<Integer> markAllRead(long userId) {
    return pool.preparedQuery(MARK_ALL_READ).execute(Tuple.of(userId)).map(rows -> rows.rowCount());
  }

  /** False when the user has no such item. */
  Future<Boolean> delete(long userId, long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() > 0);
  }

  Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit)).map(rows -> rows.rowCount());
  }

  private static Notification read(Row r) {
    Object payload = r.getValue("payload");
    return new Notification(r.getLong("id"), r.getString("kind"), r.getLong("actor_id"), r.getString("subject"),
      payload instanceof JsonObject o ? o : new JsonObject(), r.getOffsetDateTime("read_at"),
      r.getOffsetDateTime("created_at"));
  }
}
