package io.liveroom.reward;

import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.infra.CacheMarker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the leaderboards (top gifters of a room, a live session, a day, a week, all time; top
 * hosts of a day, a week, all time) with each entry's nickname and avatar only, and rebuilds them
 * all from {@code gift_events}, the ledger's record of gifts, so Redis can be lost without loss of
 * truth. A rebuild replaces each board atomically (written under a temporary key, then RENAMEd).
 * Gifts committed while a rebuild runs may be counted twice or not at all on the boards being
 * replaced at that moment; run it again when traffic is quiet to be exact.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): every read is its
 * caller's own Redis and PostgreSQL calls, completed on the caller's context; nothing is cached.
 */
public final class Leaderboards {
  private final LeaderboardRepository gifts;
  private final RedisAPI redis;
  private final UserDirectory users;
  private final Clock clock;
  private final CacheMarker cache;

  Leaderboards(Vertx vertx, LeaderboardRepository gifts, RedisAPI redis, UserDirectory users, Clock clock) {
    this.gifts = gifts;
    this.redis = redis;
    this.users = users;
    this.clock = clock;
    // The boards are a cache of the ledger: rebuilt when Redis lost them (checked every second, and
    // on a read that finds the marker gone), or when a gift's board update was missed.
    this.cache = new CacheMarker(vertx, redis, "leaderboards", () -> rebuild().mapEmpty());
  }

  void start() {
    cache.watch();
  }

  void stop() {
    cache.stop();
  }

  /** A committed gift's board update did not reach Redis: the boards are rebuilt once Redis answers. */
  void invalidate() {
    cache.invalidate();
  }

  public Future<JsonObject> room(long roomId, int limit) {
    return read(LeaderboardKeys.room(roomId), limit);
  }

  public Future<JsonObject> session(long liveSessionId, int limit) {
    return read(LeaderboardKeys.session(liveSessionId), limit);
  }

  public Future<JsonObject> gifters(LeaderboardKeys.Period period, int limit) {
    return read(LeaderboardKeys.gifters(period, LocalDate.now(clock)), limit);
  }

  public Future<JsonObject> hosts(LeaderboardKeys.Period period, int limit) {
    return read(LeaderboardKeys.hosts(period, LocalDate.now(clock)), limit);
  }

  /**
   * Reads a board; when Redis lost the boards, rebuilds them from the ledger first (if that fails,
   * e.g. PostgreSQL is down, what Redis has is served).
   */
  private Future<JsonObject> read(String key, int limit) {
    Future<Boolean> complete = cache.present();
    Future<JsonObject> board = readBoard(key, limit);
    return Future.join(complete, board).transform(ar -> complete.succeeded() && !complete.result()
      ? cache.ensure().transform(x -> readBoard(key, limit)) : board);
  }

  private Future<JsonObject> readBoard(String key, int limit) {
    return redis.zrevrange(List.of(key, "0", Integer.toString(limit - 1), "WITHSCORES")).compose(res -> {
      List<Long> ids = new ArrayList<>();
      List<Long> scores = new ArrayList<>();
      for (int i = 0; res != null && i < res.size(); ) {
        Response item = res.get(i);
        if (item.type() == io.vertx.redis.client.ResponseType.MULTI) {
          ids.add(item.get(0).toLong());
          scores.add((long) item.get(1).toDouble().doubleValue());
          i++;
        } else {
          ids.add(item.toLong());
          scores.add((long) res.get(i + 1).toDouble().doubleValue());
          i += 2;
        }
      }
      List<Future<UserSummary>> profiles = new ArrayList<>();
      ids.forEach(id -> profiles.add(users.find(id).otherwiseEmpty()));
      return Future.join(profiles).otherwiseEmpty().map(done -> {
        JsonArray items = new JsonArray();
        for (int i = 0; i < ids.size(); i++) {
          UserSummary u = profiles.get(i).result();
          // Frozen, cancelled and banned accounts have no public rank; the ledger still counts them.
          if (u != null && !u.active()) {
            continue;
          }
          items.add(new JsonObject().put("rank", items.size() + 1).put("nickname", u == null ? null : u.nickname())
            .put("avatarUrl", u == null ? null : u.avatarUrl()).put("score", scores.get(i)));
        }
        return new JsonObject().put("items", items);
      });
    });
  }

  /** Rebuilds every board from the ledger; returns how many boards were written. */
  public Future<Integer> rebuild() {
    LocalDate today = LocalDate.now(clock);
    OffsetDateTime since = today.minusDays(35).atStartOfDay().atOffset(ZoneOffset.UTC);
    Map<String, Map<Long, Long>> boards = new HashMap<>();
    return gifts.giftersByRoom()
      .compose(rows -> {
        rows.forEach(r -> add(boards, LeaderboardKeys.room(r.getLong("board")), r));
        return gifts.giftersBySession();
      })
      .compose(rows -> {
        rows.forEach(r -> add(boards, LeaderboardKeys.session(r.getLong("board")), r));
        return gifts.giftersByDay(since);
      })
      .compose(rows -> {
        periods(boards, rows, today, true);
        return gifts.hostsByDay(since);
      })
      .compose(rows -> {
        periods(boards, rows, today, false);
        return allTime(boards);
      })
      .compose(v -> write(new ArrayList<>(boards.entrySet()), 0))
      .map(v -> boards.size());
  }

  private Future<Void> allTime(Map<String, Map<Long, Long>> boards) {
    return gifts.giftersAllTime()
      .compose(rows -> {
        rows.forEach(r -> add(boards, LeaderboardKeys.gifters(LeaderboardKeys.Period.ALL, null), r));
        return gifts.hostsAllTime();
      })
      .map(rows -> {
        rows.forEach(r -> add(boards, LeaderboardKeys.hosts(LeaderboardKeys.Period.ALL, null), r));
        return null;
      });
  }

  private static void periods(Map<String, Map<Long, Long>> boards, Iterable<Row> rows, LocalDate today, boolean gifters) {
    for (Row r : rows) {
      LocalDate day = r.getLocalDate("day");
      if (!day.isBefore(today.minusDays(7))) {
        add(boards, gifters ? LeaderboardKeys.gifters(LeaderboardKeys.Period.DAY, day)
          : LeaderboardKeys.hosts(LeaderboardKeys.Period.DAY, day), r);
      }
      add(boards, gifters ? LeaderboardKeys.gifters(LeaderboardKeys.Period.WEEK, day)
        : LeaderboardKeys.hosts(LeaderboardKeys.Period.WEEK, day), r);
    }
  }

  private static void add(Map<String, Map<Long, Long>> boards, String key, Row r) {
    boards.computeIfAbsent(key, k -> new HashMap<>()).merge(r.getLong("member"), r.getLong("score"), Long::sum);
  }

  private Future<Void> write(List<Map.Entry<String, Map<Long, Long>>> boards, int i) {
    if (i == boards.size()) {
      return Future.succeededFuture();
    }
    String key = boards.get(i).getKey();
    String tmp = key + ":rebuild";
    List<String> zadd = new ArrayList<>();
    zadd.add(tmp);
    boards.get(i).getValue().forEach((member, score) -> {
      zadd.add(Long.toString(score));
      zadd.add(Long.toString(member));
    });
    long ttl = key.contains(":day:") ? LeaderboardKeys.DAY_TTL_SECONDS
      : key.contains(":week:") ? LeaderboardKeys.WEEK_TTL_SECONDS : 0;
    return redis.del(List.of(tmp)).compose(v -> redis.zadd(zadd)).compose(v -> redis.rename(tmp, key))
      .compose(v -> ttl > 0 ? redis.expire(List.of(key, Long.toString(ttl))) : Future.succeededFuture())
      .compose(v -> write(boards, i + 1));
  }
}
