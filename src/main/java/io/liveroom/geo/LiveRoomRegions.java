package io.liveroom.geo;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What Nearby and the regional hot list need from live rooms. The rooms capability owns rooms, their
 * tables and their ranking, and implements this; Nearby never reads room tables itself.
 *
 * <p>Guarantees an implementation must give:
 * <ul>
 *   <li>only rooms that are live right now are returned (ended rooms vanish at once);</li>
 *   <li>a region is a plain code ({@link RegionCodes}) stored with the room together with its
 *       {@link RegionSource}; nothing finer than that code is stored or shown;</li>
 *   <li>{@link #hottest} ranks by the same score as the global hot list, highest first, ties by
 *       room id, and works for any region code without the caller's location;</li>
 *   <li>all methods are cheap enough to call per request (indexed queries or Redis).</li>
 * </ul>
 */
public interface LiveRoomRegions {
  /** The live rooms hosted by any of these users (any order; the caller orders them). */
  Future<List<LiveRoom>> liveRoomsHostedBy(Collection<Long> hostIds);

  /** Tags the host's current live room with a region; empty when the host has no live room. */
  Future<Optional<LiveRoom>> tagHostRoom(long hostId, String region, RegionSource source);

  /** Removes regions of that source from the host's rooms (location consent withdrawn). Idempotent. */
  Future<Void> clearHostRegions(long hostId, RegionSource source);

  /** The live rooms of a region, hottest first, at most {@code limit}. */
  Future<List<LiveRoom>> hottest(String region, int limit);
}
