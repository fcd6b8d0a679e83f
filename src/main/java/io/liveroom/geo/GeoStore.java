package io.liveroom.geo;

import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users' snapped positions in Redis: a GEO set of cell centres plus a sorted set of last-seen
 * times, because GEO members cannot expire one by one. An entry older than the TTL is invisible at
 * once (reads compare last-seen with the cutoff) and is deleted by the next write or the periodic
 * {@link #prune()}. Every operation is one Lua script, so the two sets never disagree.
 */
public final class GeoStore {
  static final String CELLS_KEY = "nearby:{geo}:cells";
  static final String SEEN_KEY = "nearby:{geo}:seen";
  private static final List<String> KEYS = List.of(CELLS_KEY, SEEN_KEY);
  private static final int PRUNE_BATCH = 500;
  private static final RedisScript UPDATE = RedisScript.load("lua/geo/nearby_update.lua");
  private static final RedisScript POSITION = RedisScript.load("lua/geo/nearby_position.lua");
  private static final RedisScript SEARCH = RedisScript.load("lua/geo/nearby_search.lua");
  private static final RedisScript REMOVE = RedisScript.load("lua/geo/nearby_remove.lua");
  private static final RedisScript PRUNE = RedisScript.load("lua/geo/nearby_prune.lua");

  private final RedisAPI redis;
  private final LocationGrid grid;
  private final Clock clock;
  private final long ttlMillis;

  public GeoStore(RedisAPI redis, LocationGrid grid, Clock clock, int ttlSeconds) {
    this.redis = redis;
    this.grid = grid;
    this.clock = clock;
    this.ttlMillis = ttlSeconds * 1000L;
  }

  /** Stores a cell centre (never anything finer) as the user's position, seen now. */
  public Future<Void> put(long userId, GridCell cell) {
    long now = clock.millis();
    return eval(UPDATE, Long.toString(userId), Double.toString(cell.lng()), Double.toString(cell.lat()),
      Long.toString(now), Long.toString(now - ttlMillis)).mapEmpty();
  }

  /** The user's position if it is fresh. */
  public Future<Optional<StoredCell>> get(long userId) {
    return eval(POSITION, Long.toString(userId), Long.toString(cutoff())).map(r -> {
      if (r == null || r.size() < 3) {
        return Optional.empty();
      }
      GridCell cell = grid.snap(r.get(1).toDouble(), r.get(0).toDouble());
      return Optional.of(new StoredCell(userId, cell, (long) r.get(2).toDouble().doubleValue()));
    });
  }

  /** Fresh users whose cell centre is within {@code radiusMeters} of the given cell's, nearest first. */
  public Future<List<StoredCell>> within(GridCell from, double radiusMeters, int maxCandidates) {
    return eval(SEARCH, Double.toString(from.lng()), Double.toString(from.lat()),
      Long.toString((long) Math.ceil(radiusMeters)), Integer.toString(maxCandidates), Long.toString(cutoff()))
      .map(r -> {
        List<StoredCell> out = new ArrayList<>();
        for (int i = 0; r != null && i + 2 < r.size(); i += 3) {
          GridCell cell = grid.snap(r.get(i + 2).toDouble(), r.get(i + 1).toDouble());
          out.add(new StoredCell(Long.parseLong(r.get(i).toString()), cell, 0L));
        }
        return out;
      });
  }

  /** Removes the user at once; true if they had an entry. Idempotent. */
  public Future<Boolean> remove(long userId) {
    return eval(REMOVE, Long.toString(userId)).map(r -> r != null && r.toInteger() == 1);
  }

  /** Deletes a batch of expired entries; returns how many. Safe to run on every node. */
  public Future<Integer> prune() {
    return eval(PRUNE, Long.toString(cutoff()), Integer.toString(PRUNE_BATCH)).map(Response::toInteger);
  }

  private long cutoff() {
    return clock.millis() - ttlMillis;
  }

  private Future<Response> eval(RedisScript script, String... args) {
    return script.run(redis, KEYS, List.of(args));
  }
}
