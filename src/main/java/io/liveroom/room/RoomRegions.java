package io.liveroom.room;

import io.liveroom.geo.LiveRoom;
import io.liveroom.geo.LiveRoomRegions;
import io.liveroom.geo.RegionSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Live rooms as Nearby and the regional hot list see them: a room carries at most a coarse region
 * code and its source, set by its host. Ranking uses the same hot score as the global hot list.
 * A location-derived region never overwrites one the host chose.
 */
final class RoomRegions implements LiveRoomRegions {
  static final String LIVE_BY_HOSTS = """
    SELECT id, host_id, title, region FROM rooms WHERE host_id = ANY($1) AND status = 'live'""";
  static final String TAG_LIVE_ROOM = """
    UPDATE rooms SET region = $2, region_source = $3, updated_at = now()
    WHERE host_id = $1 AND status = 'live' AND (region_source IS DISTINCT FROM 'chosen' OR $3 <> 'location')
    RETURNING id, host_id, title, region""";
  static final String CLEAR = """
    UPDATE rooms SET region = NULL, region_source = NULL, updated_at = now()
    WHERE host_id = $1 AND region_source = $2""";
  static final String LIVE_IN_REGION = """
    SELECT id, host_id, title, region FROM rooms WHERE region = $1 AND status = 'live'""";

  private final Pool pool;
  private final HotRanking hot;

  RoomRegions(Pool pool, HotRanking hot) {
    this.pool = pool;
    this.hot = hot;
  }

  @Override
  public Future<List<LiveRoom>> liveRoomsHostedBy(Collection<Long> hostIds) {
    if (hostIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(LIVE_BY_HOSTS).execute(Tuple.of(hostIds.toArray(Long[]::new))).compose(this::scored);
  }

  @Override
  public Future<Optional<LiveRoom>> tagHostRoom(long hostId, String region, RegionSource source) {
    return pool.preparedQuery(TAG_LIVE_ROOM).execute(Tuple.of(hostId, region, wire(source)))
      .compose(this::scored).map(rooms -> rooms.stream().findFirst());
  }

  @Override
  public Future<Void> clearHostRegions(long hostId, RegionSource source) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(hostId, wire(source))).mapEmpty();
  }

  @Override
  public Future<List<LiveRoom>> hottest(String region, int limit) {
    return pool.preparedQuery(LIVE_IN_REGION).execute(Tuple.of(region)).compose(this::scored)
      .map(rooms -> rooms.stream()
        .sorted(Comparator.comparingLong(LiveRoom::score).reversed().thenComparing(r -> Long.parseLong(r.roomId())))
        .limit(limit).toList());
  }

  private Future<List<LiveRoom>> scored(RowSet<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    List<Long> ids = list.stream().map(r -> r.getLong("id")).toList();
    return hot.scores(ids).map(scores -> list.stream().map(r -> new LiveRoom(Long.toString(r.getLong("id")),
      r.getLong("host_id"), r.getString("title"), Math.round(scores.getOrDefault(r.getLong("id"), 0.0)),
      r.getString("region"))).toList());
  }

  private static String wire(RegionSource source) {
    return source.name().toLowerCase();
  }
}
