package io.liveroom.loadtest;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.JwtSecrets;
import io.liveroom.auth.Role;
import io.liveroom.config.AppConfig;
import io.liveroom.config.AuthConfig;
import io.liveroom.config.ConfigLoader;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's users come from. {@code api} (the default) registers each one through the HTTP API
 * and the dev SMS outbox, which is the honest path but costs a password hash per user.
 * {@code minted} is the benchmark seeding path for tens of thousands of connections: tokens signed
 * with the server's own JWT secret for user ids from 2,000,000,000 up (no account rows). It is
 * refused unless the server config has {@code realtime.benchmarkNamespace=true}, the same guard as
 * the {@code token} command, so a production config cannot be used to mint tokens.
 */
public final class Users {
  static final long MINTED_BASE = 2_000_000_000L;
  private final Run run;
  private AccessTokens minter;

  Users(Run run) {
    this.run = run;
  }

  /** {@code n} users for watching (api or minted, per {@code --users}). */
  public Future<List<Api.User>> viewers(int n) {
    if ("minted".equals(run.options.string("users", "api"))) {
      return minted(n);
    }
    return run.inParallel(n, 4, i -> run.api.register());
  }

  /** {@code n} identity-verified users, always through the API (they chat, host and gift). */
  public Future<List<Api.User>> verified(int n) {
    return run.inParallel(n, 4, i -> run.api.verifiedUser());
  }

  /**
   * A token for an existing account, {@code userId} (seeded by a benchmark script), minted like
   * {@code minted} users' and under the same guard.
   */
  public Future<Api.User> existing(long userId) {
    return minter().map(tokens -> new Api.User(userId, tokens.issue(userId, Role.USER, "loadtest-" + userId, 3600)));
  }

  private Future<List<Api.User>> minted(int n) {
    return minter().map(tokens -> {
      List<Api.User> out = new ArrayList<>(n);
      long base = MINTED_BASE + (System.currentTimeMillis() % 1_000_000) * 1000;
      for (int i = 0; i < n; i++) {
        long id = base + i;
        out.add(new Api.User(id, tokens.issue(id, Role.USER, "loadtest-" + id, 3600)));
      }
      return out;
    });
  }

  private Future<AccessTokens> minter() {
    if (minter != null) {
      return Future.succeededFuture(minter);
    }
    String file = run.options.string("config", null);
    AppConfig config = AppConfig.from(ConfigLoader.load(file == null ? null : Path.of(file), System.getenv()));
    if (!config.realtime().benchmarkNamespace()) {
      return Future.failedFuture("--users minted needs the server's config with realtime.benchmarkNamespace=true "
        + "(pass it with --config, or set LIVEROOM_REALTIME_BENCHMARK_NAMESPACE=true): benchmarks only");
    }
    return JwtSecrets.resolve(run.vertx, config.auth(), config.dataDir())
      .map((AuthConfig auth) -> minter = new AccessTokens(run.vertx, auth));
  }
}
