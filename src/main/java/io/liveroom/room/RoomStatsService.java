package io.liveroom.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read models: a room's stats and the hot list. */
final class RoomStatsService {
  private final RoomRepository rooms;
  private final RoomState state;
  private final ViewerCounter viewers;
  private final HotRanking hot;

  RoomStatsService(RoomRepository rooms, RoomState state, ViewerCounter viewers, HotRanking hot) {
    this.rooms = rooms;
    this.state = state;
    this.viewers = viewers;
    this.hot = hot;
  }

  /**
   * Live: current viewers (from presence) and the session counters from Redis, the peak raised by
   * this observation. Not live: the last session's stats from PostgreSQL. {@code currentViewers} is
   * null when presence cannot be counted.
   */
  Future<JsonObject> stats(long roomId) {
    return rooms.find(roomId).compose(room -> {
      if (!room.live()) {
        return rooms.lastSessionStats(roomId).map(s -> toJson(room, s, 0));
      }
      long session = room.currentSessionId();
      return viewers.viewers(room.channel())
        .compose(n -> state.observeViewers(roomId, n).map(peak -> n))
        .map(n -> (Integer) n)
        .otherwise((Integer) null)
        .compose(current -> state.stats(roomId, session).map(s -> toJson(room, s, current)));
    });
  }

  private static JsonObject toJson(Room room, SessionStats s, Integer current) {
    JsonObject out = new JsonObject().put("roomId", room.id()).put("live", room.live())
      .put("currentViewers", current);
    if (s == null) {
      return out.put("sessionId", null).put("peakViewers", 0).put("totalLikes", 0).put("messageCount", 0);
    }
    int peak = Math.max(s.peakViewers(), current == null ? 0 : current);
    return out.put("sessionId", s.sessionId()).put("peakViewers", peak).put("totalLikes", s.totalLikes())
      .put("messageCount", s.messageCount());
  }

  /** The hot list, best first, each room with its score; rooms that stopped being live are skipped. */
  Future<JsonArray> hot(int limit) {
    return hot.top(limit).compose(scored -> {
      if (scored.isEmpty()) {
        return Future.succeededFuture(new JsonArray());
      }
      List<Long> ids = scored.stream().map(HotRanking.Scored::roomId).toList();
      return rooms.findMany(ids).map(found -> {
        Map<Long, Room> byId = new HashMap<>();
        found.forEach(r -> byId.put(r.id(), r));
        JsonArray out = new JsonArray();
        for (HotRanking.Scored s : scored) {
          Room r = byId.get(s.roomId());
          if (r != null && r.live()) {
            out.add(r.toJson().put("score", Math.round(s.score() * 100) / 100.0));
          }
        }
        return out;
      });
    });
  }
}
