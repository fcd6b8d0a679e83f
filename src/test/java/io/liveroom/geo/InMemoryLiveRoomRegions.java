package io.liveroom.geo;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real, minimal {@link LiveRoomRegions} over a map, for tests until the rooms capability
 * implements the seam: rooms go live and end, carry a region and its source, and rank by score.
 */
final class InMemoryLiveRoomRegions implements LiveRoomRegions {
  private record Room(String id, long hostId, String title, long score, String region, RegionSource source) {
    LiveRoom view() {
      return new LiveRoom(id, hostId, title, score, region);
    }
  }

  private final Map<String, Room> live = new ConcurrentHashMap<>();

  void goLive(String roomId, long hostId, String title, long score) {
    live.put(roomId, new Room(roomId, hostId, title, score, null, null));
  }

  void goLive(String roomId, long hostId, String title, long score, String region) {
    live.put(roomId, new Room(roomId, hostId, title, score, region, RegionSource.CHOSEN));
  }

  void clear() {
    live.clear();
  }

  void end(String roomId) {
    live.remove(roomId);
  }

  Optional<LiveRoom> room(String roomId) {
    return Optional.ofNullable(live.get(roomId)).map(Room::view);
  }

  @Override
  public Future<List<LiveRoom>> liveRoomsHostedBy(Collection<Long> hostIds) {
    return Future.succeededFuture(live.values().stream().filter(r -> hostIds.contains(r.hostId())).map(Room::view).toList());
  }

  @Override
  public synchronized Future<Optional<LiveRoom>> tagHostRoom(long hostId, String region, RegionSource source) {
    Optional<Room> room = live.values().stream().filter(r -> r.hostId() == hostId).findFirst();
    room.ifPresent(r -> live.put(r.id(), new Room(r.id(), r.hostId(), r.title(), r.score(), region, source)));
    return Future.succeededFuture(room.map(r -> live.get(r.id()).view()));
  }

  @Override
  public synchronized Future<Void> clearHostRegions(long hostId, RegionSource source) {
    live.values().stream().filter(r -> r.hostId() == hostId && r.source() == source).toList()
      .forEach(r -> live.put(r.id(), new Room(r.id(), r.hostId(), r.title(), r.score(), null, null)));
    return Future.succeededFuture();
  }

  @Override
  public Future<List<LiveRoom>> hottest(String region, int limit) {
    return Future.succeededFuture(live.values().stream().filter(r -> region.equals(r.region()))
      .sorted(Comparator.comparingLong(Room::score).reversed().thenComparing(Room::id))
      .limit(limit).map(Room::view).toList());
  }
}
