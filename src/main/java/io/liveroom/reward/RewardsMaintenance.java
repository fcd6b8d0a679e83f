package io.liveroom.reward;

import io.liveroom.account.UserDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * What an operator runs against the ledger without a node (the {@code rewards} command of the
 * jar): the double-entry check, and a rebuild of the leaderboards from PostgreSQL. Nothing here
 * sends gifts, so it needs no rooms and no real-time core.
 */
public final class RewardsMaintenance {
  private final Reconciliation reconciliation;
  private final Leaderboards leaderboards;

  public RewardsMaintenance(Vertx vertx, Pool pool, RedisAPI redis, UserDirectory users) {
    this.reconciliation = new Reconciliation(new ReconciliationRepository(pool));
    this.leaderboards = new Leaderboards(vertx, new LeaderboardRepository(pool), redis, users, Clock.systemUTC());
  }

  /** The ledger check: every entry balanced, balances equal to their entries ({@code ok} says). */
  public Future<JsonObject> ledgerCheck() {
    return reconciliation.check();
  }

  /** Rebuilds every leaderboard from the gifts in PostgreSQL; succeeds with how many were rebuilt. */
  public Future<Integer> rebuildLeaderboards() {
    return leaderboards.rebuild();
  }
}
