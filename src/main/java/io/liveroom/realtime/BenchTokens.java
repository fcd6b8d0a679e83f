package io.liveroom.realtime;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.JwtSecrets;
import io.liveroom.auth.Role;
import io.liveroom.config.AppConfig;
import io.liveroom.config.AuthConfig;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * The {@code token --count N} command: prints N day-long access tokens (users 1..N) for the fan-out
 * benchmark, which connects thousands of sockets without registering thousands of users. It
 * refuses unless {@code realtime.benchmarkNamespace} is on, so a production config cannot mint
 * tokens here. (Anyone with the JWT secret can mint tokens anyway; this only saves the typing.)
 */
public final class BenchTokens {
  private BenchTokens() {
  }

  public static int print(AppConfig config, int count) throws Exception {
    if (!config.realtime().benchmarkNamespace()) {
      System.err.println("The token command needs realtime.benchmarkNamespace=true (benchmarks only).");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      AuthConfig auth = JwtSecrets.resolve(vertx, config.auth(), config.dataDir())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      AccessTokens tokens = new AccessTokens(vertx, auth);
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= count; i++) {
        out.append(tokens.issue(i, Role.USER, "bench-" + i, 86_400)).append('\n');
      }
      System.out.print(out);
      return 0;
    } finally {
      vertx.close();
    }
  }
}
