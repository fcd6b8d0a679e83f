package io.liveroom;

import io.liveroom.account.PgUserDirectory;
import io.liveroom.config.AppConfig;
import io.liveroom.infra.Database;
import io.liveroom.infra.EmbeddedInfra;
import io.liveroom.infra.Migrations;
import io.liveroom.infra.RedisClients;
import io.liveroom.reward.RewardsMaintenance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * Operator commands for rewards, run against the configured PostgreSQL and Redis (the same
 * {@code pg.url}/{@code redis.url} as the servers): {@code rewards ledger-check} prints the
 * reconciliation report and exits 0 only if it passed (3 otherwise); {@code rewards
 * rebuild-leaderboards} rebuilds every leaderboard from the ledger. With the embedded default the
 * server must be stopped first, since both would use the same PostgreSQL data directory.
 */
final class RewardsCli {
  static final int CHECK_FAILED = 3;

  private RewardsCli() {
  }

  static int run(AppConfig config, String subcommand) throws Exception {
    try (EmbeddedInfra infra = EmbeddedInfra.startIfNeeded(config)) {
      AppConfig c = infra.resolve();
      Migrations.migrate(c.pg().url());
      Vertx vertx = Vertx.vertx();
      try {
        Pool pool = Database.pool(vertx, c.pg().url(), 4);
        RedisAPI redis = RedisClients.api(RedisClients.client(vertx, c.redis().url(), 4));
        RewardsMaintenance rewards = new RewardsMaintenance(vertx, pool, redis, new PgUserDirectory(pool));
        return switch (subcommand) {
          case "ledger-check" -> {
            JsonObject report = await(rewards.ledgerCheck());
            System.out.println(report.encodePrettily());
            yield report.getBoolean("ok") ? 0 : CHECK_FAILED;
          }
          case "rebuild-leaderboards" -> {
            int boards = await(rewards.rebuildLeaderboards());
            System.out.println(new JsonObject().put("boards", boards).encode());
            yield 0;
          }
          default -> throw new IllegalArgumentException("Unknown rewards command '" + subcommand + "'");
        };
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
