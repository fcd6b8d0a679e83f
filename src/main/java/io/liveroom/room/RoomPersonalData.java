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
  private final RoomPersonalDataRepository rows;
  private final RoomService rooms;
  private final RoomState state;

  RoomPersonalData(Pool pool, RoomService rooms, RoomState state) {
    this.rows = new RoomPersonalDataRepository(pool);
    this.rooms = rooms;
    this.state = state;
  }

  @Override
  public List<String> categories() {
    return List.of("chatMessages", "roomRestrictions", "roomsHosted", "roomModeratorships");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return rows.exportChat(out, "chatMessages", userId, r -> new JsonObject().put("id", Long.toString(r.getLong("id")))
        .put("roomId", r.getLong("room_id")).put("text", r.getString("text")).put("masked", r.getBoolean("masked"))
        .put("sentAt", iso(r.getOffsetDateTime("sent_at"))).put("deletedAt", iso(r.getOffsetDateTime("deleted_at"))))
      .compose(v -> rows.exportRestrictions(out, "roomRestrictions", userId, r -> new JsonObject()
        .put("roomId", r.getLong("room_id")).put("kind", r.getString("kind"))
        .put("until", iso(r.getOffsetDateTime("until"))).put("createdAt", iso(r.getOffsetDateTime("created_at")))))
      .compose(v -> rows.exportHosted(out, "roomsHosted", userId, RoomPersonalData::hosted))
      .compose(v -> rows.exportModerating(out, "roomModeratorships", userId, r -> new JsonObject()
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
    return rooms.endHostedBy(userId, "host_account_erased")
      .compose(v -> mode == ErasureMode.DELETE ? rows.deleteChat(tx, userId) : Future.<Void>succeededFuture())
      .compose(v -> rows.deleteRestrictions(tx, userId))
      .compose(lifted -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : lifted) {
          Restriction kind = Restriction.valueOf(r.getString("kind").toUpperCase());
          long roomId = r.getLong("room_id");
          chain = chain.compose(x -> state.lift(roomId, kind, userId));
        }
        return chain;
      })
      .compose(v -> rows.deleteModeratorships(tx, userId))
      .compose(removed -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : removed) {
          long roomId = r.getLong("room_id");
          chain = chain.compose(x -> state.removeModerator(roomId, userId));
        }
        return chain;
      })
      .compose(v -> rows.closeHosted(tx, userId));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
