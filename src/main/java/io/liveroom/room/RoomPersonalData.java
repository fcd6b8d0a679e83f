package io.liveroom.room;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Live rooms' personal data for the privacy flows: the user's chat messages, the restrictions
 * placed on them, the rooms they host and where they moderate. Freezing ends the host's live
 * sessions (viewers get {@code ended}). Erasure deletes or keeps chat per {@link ErasureMode} (kept
 * chat points at the anonymized account), deletes restrictions and moderatorships (PostgreSQL and
 * the Redis copies), and closes the hosted rooms with their title and cover removed.
 */
public final class RoomPersonalData implements PersonalDataSource {
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
  private final RoomService rooms;
  private final RoomState state;

  RoomPersonalData(Pool pool, RoomService rooms, RoomState state) {
    this.pool = pool;
    this.rooms = rooms;
    this.state = state;
  }

  @Override
  public List<String> categories() {
    return List.of("chatMessages", "roomRestrictions", "roomsHosted", "roomModeratorships");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    Tuple id = Tuple.of(userId);
    return out.query(pool, "chatMessages", CHAT, id, r -> new JsonObject().put("id", Long.toString(r.getLong("id")))
        .put("roomId", r.getLong("room_id")).put("text", r.getString("text")).put("masked", r.getBoolean("masked"))
        .put("sentAt", iso(r.getOffsetDateTime("sent_at"))).put("deletedAt", iso(r.getOffsetDateTime("deleted_at"))))
      .compose(v -> out.query(pool, "roomRestrictions", RESTRICTIONS, id, r -> new JsonObject()
        .put("roomId", r.getLong("room_id")).put("kind", r.getString("kind"))
        .put("until", iso(r.getOffsetDateTime("until"))).put("createdAt", iso(r.getOffsetDateTime("created_at")))))
      .compose(v -> out.query(pool, "roomsHosted", HOSTED, id, RoomPersonalData::hosted))
      .compose(v -> out.query(pool, "roomModeratorships", MODERATING, id, r -> new JsonObject()
        .put("roomId", r.getLong("room_id")).put("appointedAt", iso(r.getOffsetDateTime("appointed_at")))));
  }

  private static JsonObject hosted(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
      .put("coverUrl", r.getString("cover_url")).put("category", r.getString("category"))
      .put("tags", new JsonArray(List.of(r.getArrayOfStrings("tags")))).put("status", r.getString("status"))
      .put("createdAt", iso(r.getOffsetDateTime("created_at")));
  }

  @Override
  public Future<Void> freeze(long userId) {
    return rooms.endHostedBy(userId, "host_account_frozen");
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    Tuple id = Tuple.of(userId);
    return rooms.endHostedBy(userId, "host_account_erased")
      .compose(v -> mode == ErasureMode.DELETE ? tx.preparedQuery(DELETE_CHAT).execute(id).mapEmpty()
        : Future.succeededFuture())
      .compose(v -> tx.preparedQuery(DELETE_RESTRICTIONS).execute(id))
      .compose(rows -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : rows) {
          Restriction kind = Restriction.valueOf(r.getString("kind").toUpperCase());
          long roomId = r.getLong("room_id");
          chain = chain.compose(x -> state.lift(roomId, kind, userId));
        }
        return chain;
      })
      .compose(v -> tx.preparedQuery(DELETE_MODERATING).execute(id))
      .compose(rows -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : rows) {
          long roomId = r.getLong("room_id");
          chain = chain.compose(x -> state.removeModerator(roomId, userId));
        }
        return chain;
      })
      .compose(v -> tx.preparedQuery(CLOSE_HOSTED).execute(id).mapEmpty());
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
