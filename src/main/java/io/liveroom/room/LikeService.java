package io.liveroom.room;

import io.liveroom.config.RoomsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.infra.RedisScript;
import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Likes: the {@code room.like} RPC counts taps into the room's total in Redis (clients batch taps
 * and send a count), at most {@code rooms.likes.maxPerUserPerMinute} per user per room; taps over
 * that are accepted and not counted, so a script cannot inflate a room's likes or hot score. Rooms that got taps on this node are marked dirty; every {@code flushEvery}
 * the node tries to claim the room's one {@code likes} publication for the period (a Redis
 * {@code SET NX} shared by all nodes) and publishes the current total. A node that loses the claim
 * keeps the room dirty and tries next period, so the last taps are always published, and a room
 * gets at most about one {@code likes} publication per period however many nodes take taps.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): each tap is one Redis
 * call made by its caller, which Vert.x completes on the caller's context; the dirty set is read by
 * the flush timer and completes no one's future.
 */
final class LikeService implements RpcMethod {
  private static final Logger LOG = LoggerFactory.getLogger(LikeService.class);
  static final String METHOD = "room.like";

  private final RedisAPI redis;
  private final RoomsConfig config;
  private final RoomPublisher publisher;
  private final HotRanking hot;
  private final RedisScript like = RedisScript.load("lua/room/like.lua");
  private final RedisScript claim = RedisScript.load("lua/room/likes_flush.lua");
  private final Set<Long> dirty = ConcurrentHashMap.newKeySet();

  LikeService(RedisAPI redis, RoomsConfig config, RoomPublisher publisher, HotRanking hot) {
    this.redis = redis;
    this.config = config;
    this.publisher = publisher;
    this.hot = hot;
  }

  void start(Vertx vertx) {
    vertx.setPeriodic(config.likesFlush().toMillis(), id -> flush());
  }

  @Override
  public String name() {
    return METHOD;
  }

  /** {@code {roomId, count}} → {@code {total}}: the room's total right after these taps. */
  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    long roomId;
    int count;
    try {
      FieldErrors errors = new FieldErrors();
      Object id = params == null ? null : params.getValue("roomId");
      Object n = params == null ? null : params.getValue("count", 1);
      if (!(id instanceof Number rid) || rid.longValue() < 1) {
        errors.add("roomId", "required", "roomId is a room id.");
      }
      if (!(n instanceof Number c) || c.intValue() < 1 || c.intValue() > config.likesMaxPerCall()) {
        errors.add("count", "out_of_range", "count is 1.." + config.likesMaxPerCall() + ".");
      }
      errors.throwIfAny();
      roomId = ((Number) id).longValue();
      count = ((Number) n).intValue();
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    return tap(context.principal().userId(), roomId, count).map(total -> new JsonObject().put("total", total));
  }

  Future<Long> tap(long userId, long roomId, int count) {
    List<String> keys = List.of(RoomKeys.live(roomId), RoomKeys.restriction(roomId, Restriction.BAN, userId),
      RoomKeys.likes(roomId), RoomKeys.likeRate(roomId, userId),
      RoomKeys.restriction(roomId, Restriction.KICK, userId));
    List<String> args = List.of(Integer.toString(count), Integer.toString(config.likesMaxPerUserPerMinute()));
    return like.run(redis, keys, args).map(r -> {
      long total = r.get(0).toLong();
      int counted = r.get(1).toInteger();
      if (total == -1) {
        throw AppException.of(ErrorCode.ROOM_NOT_LIVE, "The room is not live.");
      }
      if (total == -2) {
        throw AppException.of(ErrorCode.ROOM_BANNED, "You are banned from this room.");
      }
      if (total == -3) {
        throw AppException.of(ErrorCode.ROOM_KICKED, "You were removed from this room.");
      }
      if (counted > 0) {
        dirty.add(roomId);
        hot.record(roomId, HotRanking.Signal.LIKE, counted);
      }
      return total;
    });
  }

  /** One aggregation period: publish the total of each dirty room this node wins the claim for. */
  Future<Void> flush() {
    List<Future<?>> all = new ArrayList<>();
    for (Long roomId : List.copyOf(dirty)) {
      dirty.remove(roomId);
      long periodMs = Math.max(50, config.likesFlush().toMillis() - 50);
      all.add(claim.run(redis, List.of(RoomKeys.likesClaim(roomId), RoomKeys.likes(roomId)), List.of(Long.toString(periodMs)))
        .compose(total -> {
          if (total == null) {
            dirty.add(roomId);
            return Future.succeededFuture();
          }
          return publisher.publish(roomId, Priority.LOW, new JsonObject().put("type", "likes").put("total", total.toLong()))
            .map(published -> published ? null : dirty.add(roomId));
        })
        .onFailure(e -> {
          dirty.add(roomId);
          LOG.warn("Likes aggregate for room {} not published, retrying next period: {}", roomId, e.getMessage());
        }));
    }
    return Future.join(all).mapEmpty();
  }
}
