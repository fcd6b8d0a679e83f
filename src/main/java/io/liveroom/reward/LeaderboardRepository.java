package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/**
 * The sums a leaderboard rebuild reads from {@code gift_events}, the ledger's record of gifts. Each
 * row is a {@code member} (a user id) and its {@code score} (coins), per {@code board} (a room or a
 * live session) or per UTC {@code day}.
 */
final class LeaderboardRepository {
  static final String BY_ROOM = "SELECT room_id AS board, sender_id AS member, sum(coins) AS score FROM gift_events GROUP BY 1, 2";
  static final String BY_SESSION = """
    SELECT live_session_id AS board, sender_id AS member, sum(coins) AS score FROM gift_events GROUP BY 1, 2""";
  static final String GIFTERS_BY_DAY = """
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, sender_id AS member, sum(coins) AS score
    FROM gift_events WHERE created_at >= $1 GROUP BY 1, 2""";
  static final String HOSTS_BY_DAY = """
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, host_id AS member, sum(coins) AS score
    FROM gift_events WHERE created_at >= $1 GROUP BY 1, 2""";
  static final String GIFTERS_ALL_TIME = "SELECT sender_id AS member, sum(coins) AS score FROM gift_events GROUP BY 1";
  static final String HOSTS_ALL_TIME = "SELECT host_id AS member, sum(coins) AS score FROM gift_events GROUP BY 1";

  private final Pool pool;

  LeaderboardRepository(Pool pool) {
    this.pool = pool;
  }

  /** Coins sent per room and sender. */
  Future<RowSet<Row>> giftersByRoom() {
    return pool.query(BY_ROOM).execute();
  }

  /** Coins sent per live session and sender. */
  Future<RowSet<Row>> giftersBySession() {
    return pool.query(BY_SESSION).execute();
  }

  /** Coins sent per UTC day and sender, since {@code since}. */
  Future<RowSet<Row>> giftersByDay(OffsetDateTime since) {
    return pool.preparedQuery(GIFTERS_BY_DAY).execute(Tuple.of(since));
  }

  /** Coins received per UTC day and host, since {@code since}. */
  Future<RowSet<Row>> hostsByDay(OffsetDateTime since) {
    return pool.preparedQuery(HOSTS_BY_DAY).execute(Tuple.of(since));
  }

  Future<RowSet<Row>> giftersAllTime() {
    return pool.query(GIFTERS_ALL_TIME).execute();
  }

  Future<RowSet<Row>> hostsAllTime() {
    return pool.query(HOSTS_ALL_TIME).execute();
  }
}
