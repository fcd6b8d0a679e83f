package io.liveroom.room;

import io.liveroom.config.RoomsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The hot list: live rooms in a Redis sorted set, ranked by a score that decays exponentially.
 *
 * <p>Signals (chat, likes, gifts) add weighted points through {@link #record}; they are summed on
 * this node and flushed once a second with {@code ZADD XX INCR} (XX: rooms that are not live are
 * never re-added). Every decay interval one node (claimed with {@code SET NX}) multiplies all
 * scores by {@code 0.5^(interval/halfLife)} in one {@code ZUNIONSTORE} and adds each room's current
 * viewers times their weight, so a room's score is roughly its recent activity, not its lifetime.
 */
public final class HotRanking {
  private static final Logger LOG = LoggerFactory.getLogger(HotRanking.class);

  /** What moved a room's score. */
  public enum Signal { CHAT, LIKE, GIFT }

  private final RedisAPI redis;
  private final RoomsConfig config;
  private final ViewerCounter viewers;
  private final RoomState state;
  private final Map<Long, DoubleAdder> pending = new ConcurrentHashMap<>();

  HotRanking(RedisAPI redis, RoomsConfig config, ViewerCounter viewers, RoomState state) {
    this.redis = redis;
    this.config = config;
    this.viewers = viewers;
    this.state = state;
  }

  void start(Vertx vertx) {
    vertx.setPeriodic(1_000, id -> flush());
    vertx.setPeriodic(config.hotDecayInterval().toMillis(), id -> decay());
  }

  /** Adds {@code amount} units of a signal (a message, taps, gift value in cents) to a room's score. */
  public void record(long roomId, Signal signal, double amount) {
    RoomsConfig.HotWeights w = config.hotWeights();
    double weight = switch (signal) {
      case CHAT -> w.chat();
      case LIKE -> w.like();
      case GIFT -> w.gift();
    };
    pending.computeIfAbsent(roomId, id -> new DoubleAdder()).add(weight * amount);
  }

  /** Writes the points summed since the last flush. */
  Future<Void> flush() {
    List<Future<Response>> writes = new ArrayList<>();
    for (Map.Entry<Long, DoubleAdder> e : pending.entrySet()) {
      double points = e.getValue().sumThenReset();
      if (points > 0) {
        writes.add(redis.zadd(List.of(RoomKeys.HOT, "XX", "INCR", Double.toString(points), e.getKey().toString())));
      } else {
        // Idle since the last flush: forget the room (a point added in this instant may be lost).
        pending.remove(e.getKey(), e.getValue());
      }
    }
    return Future.join(writes).<Void>mapEmpty()
      .onFailure(e -> LOG.warn("Hot score flush failed (points of this second are lost): {}", e.getMessage()));
  }

  /** One decay step, run by whichever node claims it for this interval. */
  Future<Void> decay() {
    long intervalMs = config.hotDecayInterval().toMillis();
    double factor = Math.pow(0.5, (double) intervalMs / config.hotHalfLife().toMillis());
    return redis.set(List.of(RoomKeys.HOT_DECAY_CLAIM, "1", "PX", Long.toString(intervalMs - 50), "NX"))
      .compose(claimed -> claimed == null ? Future.succeededFuture()
        : redis.zunionstore(List.of(RoomKeys.HOT, "1", RoomKeys.HOT, "WEIGHTS", Double.toString(factor)))
          .compose(x -> redis.zrange(List.of(RoomKeys.HOT, "0", "-1")))
          .compose(this::addViewers))
      .<Void>mapEmpty()
      .onFailure(e -> LOG.warn("Hot list decay failed: {}", e.getMessage()));
  }

  private Future<?> addViewers(Response members) {
    List<Future<?>> all = new ArrayList<>();
    for (Response m : members) {
      long roomId = m.toLong();
      all.add(viewers.viewers(RoomNamespace.channel(roomId))
        .compose(n -> state.observeViewers(roomId, n)
          .compose(peak -> redis.zadd(List.of(RoomKeys.HOT, "XX", "INCR",
            Double.toString(config.hotWeights().viewer() * n), Long.toString(roomId))))));
    }
    return Future.join(all);
  }

  /** The top rooms, best first. */
  Future<List<Scored>> top(int limit) {
    return redis.zrevrange(List.of(RoomKeys.HOT, "0", Integer.toString(limit - 1), "WITHSCORES")).map(r -> {
      List<Scored> out = new ArrayList<>();
      if (r.size() > 0 && r.get(0).type() == ResponseType.MULTI) {
        for (Response pair : r) {
          out.add(new Scored(pair.get(0).toLong(), pair.get(1).toDouble()));
        }
      } else {
        for (int i = 0; i + 1 < r.size(); i += 2) {
          out.add(new Scored(r.get(i).toLong(), r.get(i + 1).toDouble()));
        }
      }
      return out;
    });
  }

  /** The current hot scores of some rooms (0 for a room not on the list), one round trip. */
  Future<Map<Long, Double>> scores(List<Long> roomIds) {
    if (roomIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<String> args = new ArrayList<>();
    args.add(RoomKeys.HOT);
    roomIds.forEach(id -> args.add(Long.toString(id)));
    return redis.zmscore(args).map(r -> {
      Map<Long, Double> out = new HashMap<>();
      for (int i = 0; i < roomIds.size(); i++) {
        Response score = r.get(i);
        out.put(roomIds.get(i), score == null ? 0.0 : score.toDouble());
      }
      return out;
    });
  }

  record Scored(long roomId, double score) {
  }
}
