package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** SQL for rooms and their sessions. */
final class RoomRepository {
  static final String COLUMNS = "id, host_id, title, cover_url, category, tags, status, current_session_id, created_at";
  static final String INSERT = "INSERT INTO rooms (host_id, title, cover_url, category, tags, stream_key_hash)"
    + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS;
  static final String FIND = "SELECT " + COLUMNS + " FROM rooms WHERE id = $1";
  static final String FIND_MANY = "SELECT " + COLUMNS + " FROM rooms WHERE id = ANY($1)";
  static final String SET_COVER = "UPDATE rooms SET cover_url = $2, updated_at = now()"
    + " WHERE id = $1 AND status <> 'closed' RETURNING " + COLUMNS;
  static final String LIST_LIVE = "SELECT " + COLUMNS
    + " FROM rooms WHERE status = 'live' AND id < $1 ORDER BY id DESC LIMIT $2";
  static final String LIVE_BY_HOST = "SELECT id FROM rooms WHERE host_id = $1 AND status = 'live'";
  static final String KEY_HASH = "SELECT stream_key_hash FROM rooms WHERE id = $1";
  static final String SET_KEY_HASH = "UPDATE rooms SET stream_key_hash = $2, stream_key_at = now(), updated_at = now() WHERE id = $1";
  static final String INSERT_SESSION = "INSERT INTO room_sessions (room_id, started_by) VALUES ($1, $2) RETURNING id";
  /** Only an idle room goes live; the condition makes two concurrent starts safe (one wins). */
  static final String MARK_LIVE = "UPDATE rooms SET status = 'live', current_session_id = $2, updated_at = now()"
    + " WHERE id = $1 AND status = 'idle' RETURNING " + COLUMNS;
  static final String MARK_ENDED = "UPDATE rooms SET status = $2, current_session_id = NULL, updated_at = now()"
    + " WHERE id = $1 AND status <> 'closed' RETURNING " + COLUMNS;
  static final String END_SESSION = """
    UPDATE room_sessions SET ended_at = now(), end_reason = $2, peak_viewers = $3, total_likes = $4,
      message_count = $5 WHERE id = $1 AND ended_at IS NULL""";
  static final String LAST_SESSION = """
    SELECT id, peak_viewers, total_likes, message_count FROM room_sessions
    WHERE room_id = $1 ORDER BY id DESC LIMIT 1""";

  /** Slow mode and pin belong to the live session; an idle room has none to set. */
  static final String SET_SLOW_MODE = """
    UPDATE room_sessions SET slow_mode_seconds = $2 WHERE id = (SELECT current_session_id FROM rooms WHERE id = $1)""";
  static final String SET_PINNED = """
    UPDATE room_sessions SET pinned = $2 WHERE id = (SELECT current_session_id FROM rooms WHERE id = $1)""";
  static final String SESSION_SETTINGS = "SELECT slow_mode_seconds, pinned FROM room_sessions WHERE id = $1";

  /** A live session's settings that Redis carries for the chat path. */
  record SessionSettings(int slowModeSeconds, String pinnedJson) {
  }

  private final Pool pool;

  RoomRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Room> insert(long hostId, String title, String coverUrl, String category, List<String> tags, byte[] keyHash) {
    return pool.preparedQuery(INSERT)
      .execute(Tuple.of(hostId, title, coverUrl, category, tags.toArray(new String[0]), Buffer.buffer(keyHash)))
      .map(rows -> toRoom(rows.iterator().next()));
  }

  Future<java.util.List<Long>> liveHostedBy(long hostId) {
    return pool.preparedQuery(LIVE_BY_HOST).execute(Tuple.of(hostId)).map(rows -> {
      java.util.List<Long> ids = new java.util.ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }

  /** The room with its new cover; a closed room keeps none ({@code room_closed}). */
  Future<Room> setCover(long id, String coverUrl) {
    return pool.preparedQuery(SET_COVER).execute(Tuple.of(id, coverUrl)).map(rows -> {
      if (rows.size() == 0) {
        throw AppException.of(ErrorCode.ROOM_CLOSED, "Room " + id + " is closed.");
      }
      return toRoom(rows.iterator().next());
    });
  }

  Future<Room> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw AppException.of(ErrorCode.ROOM_NOT_FOUND, "No room " + id + ".");
      }
      return toRoom(rows.iterator().next());
    });
  }

  Future<List<Room>> findMany(List<Long> ids) {
    return pool.preparedQuery(FIND_MANY).execute(Tuple.of(ids.toArray(new Long[0]))).map(RoomRepository::toRooms);
  }

  Future<List<Room>> listLive(long beforeId, int limit) {
    return pool.preparedQuery(LIST_LIVE).execute(Tuple.of(beforeId, limit)).map(RoomRepository::toRooms);
  }

  Future<byte[]> keyHash(long roomId) {
    return pool.preparedQuery(KEY_HASH).execute(Tuple.of(roomId)).map(rows -> {
      if (rows.size() == 0) {
        throw AppException.of(ErrorCode.ROOM_NOT_FOUND, "No room " + roomId + ".");
      }
      return rows.iterator().next().getBuffer(0).getBytes();
    });
  }

  Future<Void> setKeyHash(long roomId, byte[] keyHash) {
    return pool.preparedQuery(SET_KEY_HASH).execute(Tuple.of(roomId, Buffer.buffer(keyHash))).mapEmpty();
  }

  /** Opens a session and marks the room live in one transaction; empty when the room was not idle. */
  Future<Void> setSlowMode(long roomId, int seconds) {
    return pool.preparedQuery(SET_SLOW_MODE).execute(Tuple.of(roomId, seconds)).mapEmpty();
  }

  /** {@code pinnedJson} null unpins. */
  Future<Void> setPinned(long roomId, String pinnedJson) {
    return pool.preparedQuery(SET_PINNED).execute(Tuple.of(roomId, pinnedJson)).mapEmpty();
  }

  Future<SessionSettings> sessionSettings(long sessionId) {
    return pool.preparedQuery(SESSION_SETTINGS).execute(Tuple.of(sessionId)).map(rows -> {
      if (rows.size() == 0) {
        return new SessionSettings(0, null);
      }
      var r = rows.iterator().next();
      return new SessionSettings(r.getInteger("slow_mode_seconds"), r.getString("pinned"));
    });
  }

  Future<Room> startSession(long roomId, String startedBy) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_SESSION).execute(Tuple.of(roomId, startedBy))
      .compose(rows -> markLive(tx, roomId, rows.iterator().next().getLong(0))));
  }

  private static Future<Room> markLive(SqlClient tx, long roomId, long sessionId) {
    return tx.preparedQuery(MARK_LIVE).execute(Tuple.of(roomId, sessionId)).map(rows -> {
      if (rows.size() == 0) {
        // Rolls the session insert back with the transaction.
        throw AppException.of(ErrorCode.CONFLICT, "The room is not idle.");
      }
      return toRoom(rows.iterator().next());
    });
  }

  /** Closes the session with its final stats and returns the room to idle (or closed). */
  Future<Room> endSession(long roomId, long sessionId, String newStatus, String reason, SessionStats stats) {
    return pool.withTransaction(tx -> tx.preparedQuery(END_SESSION)
      .execute(Tuple.of(sessionId, reason, stats.peakViewers(), stats.totalLikes(), stats.messageCount()))
      .compose(done -> tx.preparedQuery(MARK_ENDED).execute(Tuple.of(roomId, newStatus)))
      .map(rows -> {
        if (rows.size() == 0) {
          throw AppException.of(ErrorCode.ROOM_CLOSED, "The room is closed.");
        }
        return toRoom(rows.iterator().next());
      }));
  }

  /** The stats of a room's last session, or null when it never went live. */
  Future<SessionStats> lastSessionStats(long roomId) {
    return pool.preparedQuery(LAST_SESSION).execute(Tuple.of(roomId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new SessionStats(r.getLong("id"), r.getInteger("peak_viewers"), r.getLong("total_likes"),
        r.getLong("message_count"));
    });
  }

  private static List<Room> toRooms(RowSet<Row> rows) {
    List<Room> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(toRoom(r)));
    return out;
  }

  static Room toRoom(Row r) {
    String[] tags = r.getArrayOfStrings("tags");
    return new Room(r.getLong("id"), r.getLong("host_id"), r.getString("title"), r.getString("cover_url"),
      r.getString("category"), tags == null ? List.of() : List.of(tags), r.getString("status"),
      r.getLong("current_session_id"), r.getOffsetDateTime("created_at"));
  }
}
