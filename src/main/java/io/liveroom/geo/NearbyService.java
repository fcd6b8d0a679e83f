package io.liveroom.geo;

import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.consent.ConsentService;
import io.liveroom.consent.Purpose;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nearby people and rooms. A user is listed to a viewer only if all hold: a fresh stored cell
 * within 10 km of the viewer's cell, a current {@code location} consent (checked in PostgreSQL at
 * query time, not trusted from Redis), no block either way, an active adult account, and for the
 * people list the {@code visibleNearby} opt-in. Distances are computed between cell centres and
 * shown only as a {@link DistanceBucket}, so nothing finer than a cell can be learnt from any
 * number of queries.
 */
public final class NearbyService {
  /** Candidates fetched from Redis per result slot, to leave room for those filtered out. */
  private static final int OVERSAMPLE = 4;

  private final LocationService locations;
  private final GeoStore store;
  private final ConsentService consents;
  private final UserDirectory users;
  private final LiveRoomRegions rooms;
  private final WindowLimit queryLimiter;
  private final BlockedPairs blocks;
  private final NearbyRepository repository;
  private final Clock clock;
  private final int maxResults;
  volatile NearbyGate gate = NearbyGate.OPEN;

  public NearbyService(LocationService locations, GeoStore store, ConsentService consents, UserDirectory users,
                       LiveRoomRegions rooms, BlockedPairs blocks, WindowLimit queryLimiter, Pool pool, Clock clock,
                       int maxResults) {
    this.blocks = blocks;
    this.locations = locations;
    this.store = store;
    this.consents = consents;
    this.users = users;
    this.rooms = rooms;
    this.queryLimiter = queryLimiter;
    this.repository = new NearbyRepository(pool);
    this.clock = clock;
    this.maxResults = maxResults;
  }

  public record NearbyUser(UserSummary user, DistanceBucket distance) {
  }

  public record NearbyRoom(LiveRoom room, DistanceBucket distance) {
  }

  /** Visible people near the viewer, nearest bucket first. */
  public Future<List<NearbyUser>> users(long viewerId) {
    return gate.mayUseNearby(viewerId).compose(v -> listed(viewerId, true)).map(found -> found.stream()
      .map(c -> new NearbyUser(c.user(), c.distance()))
      .limit(maxResults).toList());
  }

  /** Live rooms whose host is near the viewer (host consented to location; blocks and minors excluded). */
  public Future<List<NearbyRoom>> rooms(long viewerId) {
    return gate.mayUseNearby(viewerId).compose(v -> listed(viewerId, false)).compose(hosts -> {
      Map<Long, DistanceBucket> byHost = new HashMap<>();
      hosts.forEach(h -> byHost.put(h.user().id(), h.distance()));
      return rooms.liveRoomsHostedBy(byHost.keySet()).map(live -> live.stream()
        .filter(r -> byHost.containsKey(r.hostId()))
        .map(r -> new NearbyRoom(r, byHost.get(r.hostId())))
        .sorted(Comparator.comparing((NearbyRoom r) -> r.distance()).thenComparing(r -> -r.room().score())
          .thenComparing(r -> r.room().roomId()))
        .limit(maxResults).toList());
    });
  }

  private record Candidate(UserSummary user, DistanceBucket distance) {
  }

  private Future<List<Candidate>> listed(long viewerId, boolean requireVisible) {
    return locations.currentCell(viewerId)
      .compose(cell -> queryLimiter.hit(viewerId).map(cell))
      .compose(cell -> store.within(cell, DistanceBucket.MAX_METERS, maxResults * OVERSAMPLE).map(found -> {
        Map<Long, DistanceBucket> buckets = new HashMap<>();
        for (StoredCell c : found) {
          if (c.userId() != viewerId) {
            DistanceBucket.of(LocationGrid.distanceMeters(cell, c.cell())).ifPresent(b -> buckets.put(c.userId(), b));
          }
        }
        return buckets;
      }))
      .compose(buckets -> consents.grantedAmong(buckets.keySet(), Purpose.LOCATION)
        .compose(consented -> repository.listable(consented, requireVisible))
        .compose(listable -> blocks.blockedAmong(viewerId, listable).map(blocked -> {
          Set<Long> out = new java.util.HashSet<>(listable);
          out.removeAll(blocked);
          return out;
        }))
        .compose(this::adults)
        .map(adults -> adults.stream()
          .map(u -> new Candidate(u, buckets.get(u.id())))
          .sorted(Comparator.comparing((Candidate c) -> c.distance()).thenComparing(c -> c.user().id()))
          .toList()));
  }

  /** Active adult accounts only: minors (and unknown ages) are never listed. */
  private Future<List<UserSummary>> adults(Set<Long> ids) {
    LocalDate today = LocalDate.now(clock);
    List<Future<UserSummary>> lookups = new ArrayList<>();
    for (Long id : ids.stream().sorted().collect(Collectors.toList())) {
      lookups.add(users.find(id).recover(e -> isNotFound(e) ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    return Future.all(lookups).map(all -> {
      List<UserSummary> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        UserSummary u = all.resultAt(i);
        if (u != null && u.active() && !u.minorOn(today)) {
          out.add(u);
        }
      }
      return out;
    });
  }

  private static boolean isNotFound(Throwable e) {
    return e instanceof AppException a && a.code() == ErrorCode.NOT_FOUND;
  }

  /** Privacy's export: the user's Nearby visibility choice ({@code visible}, {@code updated_at}), if they made one. */
  public Future<Optional<Row>> visibilityRecord(long userId) {
    return repository.visibility(userId);
  }

  /** Privacy's erasure, inside its transaction {@code tx}: the visibility choice (blocks are social's own data). */
  public Future<Void> erase(SqlClient tx, long userId) {
    return repository.erase(tx, userId);
  }
}
