package io.liveroom.room;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.function.Function;

/** SQL for rooms' part of the privacy flows ({@link RoomPersonalData}): a user's export and erasure. */
final class RoomPersonalDataRepository {
  static final String CHAT = """
    SELECT id, room_id, text, masked, sent_at, deleted_at FROM chat_messages WHERE sender_id = $1 ORDER BY id""";
  static final String RESTRICTIONS = """
    SELECT room_id, kind, until, created_at FROM room_restrictions WHERE user_id = $1 ORDER BY created_at""";
  static final String HOSTED = """
    SELECT id, title, cover_url, category, tags, status, created_at FROM rooms WHERE host_id = $1 ORDER BY id""";
  static final String MODERATING = "SELECT room_id, appointed_at FROM room_moderators WHERE user_id = $1 ORDER BY room_id";
  static final String DELETE_CHAT = "DELETE FROM chat_messages WHERE sender_id = $1";
  static final String DELETE_RESTRICTIONS = "DELETE FROM room_restrictions WHERE user_id = $1 RETURNING room_id, kind";
  static final String DELETE_MODERATING = "DELETE FROM room_moderators WHERE user_id = $1 RETURNING room_id";
  static final String CLOSE_HOSTED = """
    UPDATE rooms SET status = 'closed', title = 'Closed room', cover_url = NULL, tags = '{}', current_session_id = NULL,
                     updated_at = now()
    WHERE host_id = $1""";

  private final Pool pool;

  RoomPersonalDataRepository(Pool pool) {
    this.pool = pool;
  }

  /** The user's chat messages, deleted ones too, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportChat(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, CHAT, Tuple.of(userId), mapper);
  }

  /** The restrictions placed on the user, oldest first. */
  Future<Void> exportRestrictions(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, RESTRICTIONS, Tuple.of(userId), mapper);
  }

  /** The rooms the user hosts. */
  Future<Void> exportHosted(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, HOSTED, Tuple.of(userId), mapper);
  }

  /** The rooms where the user moderates. */
  Future<Void> exportModerating(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, MODERATING, Tuple.of(userId), mapper);
  }

  Future<Void> deleteChat(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_CHAT).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Deletes the user's restrictions; the rows say which ({@code room_id}, {@code kind}) to lift in Redis. */
  Future<RowSet<Row>> deleteRestrictions(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_RESTRICTIONS).execute(Tuple.of(userId));
  }

  /** Deletes the user's moderatorships; the rows say which rooms ({@code room_id}) to update in Redis. */
  Future<RowSet<Row>> deleteModeratorships(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_MODERATING).execute(Tuple.of(userId));
  }

  /** Closes the rooms the user hosts, with their title, cover and tags removed. */
  Future<Void> closeHosted(SqlClient tx, long userId) {
    return tx.preparedQuery(CLOSE_HOSTED).execute(Tuple.of(userId)).mapEmpty();
  }
}
