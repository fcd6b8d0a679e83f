package io.liveroom.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL for chat messages. */
final class ChatRepository {
  /** One statement per batch: arrays unnested server-side; a retried batch inserts nothing twice. */
  static final String INSERT_BATCH = """
    INSERT INTO chat_messages (id, room_id, session_id, sender_id, text, masked, sent_at)
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::boolean[],
      $7::timestamptz[])
    ON CONFLICT (id) DO NOTHING""";
  static final String FIND = "SELECT id, sender_id, text, sent_at, deleted_at FROM chat_messages WHERE id = $1 AND room_id = $2";
  static final String MARK_DELETED = """
    UPDATE chat_messages SET deleted_at = now(), deleted_by = $3 WHERE id = $1 AND room_id = $2 AND deleted_at IS NULL""";
  /** The sender erases their own message: the text is gone, the row stays as a tombstone. */
  static final String ERASE_OWN = """
    UPDATE chat_messages SET text = '', deleted_at = now(), deleted_by = $2
    WHERE id = $1 AND sender_id = $2 RETURNING room_id""";
  static final String FIND_ANY_ROOM = "SELECT room_id, sender_id FROM chat_messages WHERE id = $1";
  static final String RECENT = """
    SELECT id, sender_id, text, sent_at FROM chat_messages
    WHERE room_id = $1 AND deleted_at IS NULL ORDER BY id DESC LIMIT $2""";

  /** Retention: a batch of the oldest stored messages, whatever their room or sender. */
  static final String PURGE_OLDER_THAN = """
    DELETE FROM chat_messages WHERE id IN (SELECT id FROM chat_messages WHERE sent_at < $1 LIMIT $2)""";

  private final Pool pool;

  ChatRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(List<StoredChatMessage> batch) {
    int n = batch.size();
    Long[] ids = new Long[n];
    Long[] rooms = new Long[n];
    Long[] sessions = new Long[n];
    Long[] senders = new Long[n];
    String[] texts = new String[n];
    Boolean[] masked = new Boolean[n];
    java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      StoredChatMessage m = batch.get(i);
      ids[i] = m.id();
      rooms[i] = m.roomId();
      sessions[i] = m.sessionId();
      senders[i] = m.senderId();
      texts[i] = m.text();
      masked[i] = m.masked();
      at[i] = m.sentAt().atOffset(ZoneOffset.UTC);
    }
    return pool.preparedQuery(INSERT_BATCH)
      .execute(Tuple.of(ids, rooms, sessions, senders, texts, masked).addValue(at))
      .mapEmpty();
  }

  /** The message as stored, or null when unknown in this room. */
  Future<JsonObject> find(long roomId, long messageId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(messageId, roomId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new JsonObject().put("id", Long.toString(r.getLong("id"))).put("senderId", r.getLong("sender_id"))
        .put("text", r.getString("text")).put("ts", r.getOffsetDateTime("sent_at").toInstant().toEpochMilli())
        .put("deleted", r.getOffsetDateTime("deleted_at") != null);
    });
  }

  Future<Boolean> markDeleted(long roomId, long messageId, long by) {
    return pool.preparedQuery(MARK_DELETED).execute(Tuple.of(messageId, roomId, by)).map(r -> r.rowCount() > 0);
  }

  Future<JsonObject> findAnyRoom(long messageId) {
    return pool.preparedQuery(FIND_ANY_ROOM).execute(Tuple.of(messageId)).map(rows -> rows.size() == 0 ? null
      : new JsonObject().put("roomId", rows.iterator().next().getLong("room_id"))
        .put("senderId", rows.iterator().next().getLong("sender_id")));
  }

  /** The room of the erased message, or null when the caller sent no stored message with this id. */
  Future<Long> eraseOwn(long messageId, long senderId) {
    return pool.preparedQuery(ERASE_OWN).execute(Tuple.of(messageId, senderId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("room_id"));
  }

  /** The newest {@code limit} undeleted messages of a room, oldest first (senders as ids: {@link ChatHistory}). */
  Future<List<ArchivedChat>> recent(long roomId, int limit) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(roomId, limit)).map(rows -> {
      List<ArchivedChat> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(0, new ArchivedChat(r.getLong("id"), r.getLong("sender_id"), r.getString("text"),
          r.getOffsetDateTime("sent_at").toInstant()));
      }
      return out;
    });
  }

  /** A stored, undeleted chat message as history reloads it. */
  record ArchivedChat(long id, long senderId, String text, Instant sentAt) {
  }

  /** Deletes up to {@code limit} messages sent before {@code cutoff}; returns how many. */
  Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_OLDER_THAN).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit))
      .map(rows -> rows.rowCount());
  }
}
