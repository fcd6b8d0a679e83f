package io.liveroom.room;

import io.liveroom.geo.LiveRoom;
import io.liveroom.geo.LiveRoomRegions;
import io.liveroom.geo.RegionSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

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
  private final RoomRegionRepository regions;
  private final HotRanking hot;

  RoomRegions(Pool pool, HotRanking hot) {
    this.regions = new RoomRegionRepository(pool);
    this.hot = hot;
  }

  @Override
  public Future<List<LiveRoom>> liveRoomsHostedBy(Collection<Long> hostIds) {
    if (hostIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return regions.liveHostedBy(hostIds).compose(this::scored);
  }

  @Override
  public Future<Optional<LiveRoom>> tagHostRoom(long hostId, String region, RegionSource source) {
    return regions.tagLiveRoom(hostId, region, wire(source))
      .compose(this::scored).map(rooms -> rooms.stream().findFirst());
  }

  @Override
  public Future<Void> clearHostRegions(long hostId, RegionSource source) {
    return regions.clear(hostId, wire(source));
  }

  @Override
  public Future<List<LiveRoom>> hottest(String region, int limit) {
    return regions.liveIn(region).compose(this::scored)
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
