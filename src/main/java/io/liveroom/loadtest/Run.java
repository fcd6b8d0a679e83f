package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What a scenario gets: the Vert.x instance, options, HTTP API, socket pool and stats of one run. */
public final class Run {
  public final Vertx vertx;
  public final Options options;
  public final Api api;
  public final Sockets sockets;
  public final Stats stats = new Stats();
  public final Duration duration;
  /** Extra result members a scenario reports (losses, memory per connection...). */
  public final JsonObject result = new JsonObject();

  Run(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.options = options;
    this.api = new Api(vertx, options.host(), options.port());
    this.sockets = new Sockets(vertx, options.integer("sources", 1), "protobuf".equals(options.string("format", "json")));
    this.duration = options.duration("duration", Duration.ofSeconds(10));
  }

  /** Starts the run's latency recording {@code --warmup} from now (JIT warm-up is not measured); returns this run. */
  public Run startMeasuring() {
    stats.warmup(options.duration("warmup", Duration.ZERO).toNanos());
    return this;
  }

  /**
   * CPU time (user + system, ns) the server process has used so far, from /proc/PID/stat when
   * {@code --server-pid} is given (a local process); -1 otherwise. Read on a worker (file I/O).
   */
  public Future<Long> serverCpuNanos() {
    String pid = options.string("server-pid", null);
    if (pid == null) {
      return Future.succeededFuture(-1L);
    }
    return vertx.executeBlocking(() -> {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    });
  }

  /** Runs {@code n} tasks with at most {@code parallel} in flight; fails on the first failure. */
  public <T> Future<List<T>> inParallel(int n, int parallel, Function<Integer, Future<T>> task) {
    List<T> out = new ArrayList<>(java.util.Collections.nCopies(n, null));
    Promise<List<T>> done = Promise.promise();
    io.vertx.core.Context ctx = vertx.getOrCreateContext();
    int[] state = {0, 0}; // next index, completed
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (state[0] < n && state[0] - state[1] < parallel) {
        int i = state[0]++;
        task.apply(i).onComplete(ar -> ctx.runOnContext(v -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          out.set(i, ar.result());
          state[1]++;
          if (state[1] == n) {
            done.tryComplete(out);
          } else {
            pump[0].run();
          }
        }));
      }
    };
    if (n == 0) {
      return Future.succeededFuture(out);
    }
    ctx.runOnContext(v -> pump[0].run());
    return done.future();
  }

  /** Completes after {@code d}, on a timer (never blocks). */
  public Future<Void> sleep(Duration d) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, d.toMillis()), id -> p.complete());
    return p.future();
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code max} passes. */
  public Future<Boolean> until(Supplier<Boolean> condition, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    Promise<Boolean> p = Promise.promise();
    long[] timer = new long[1];
    timer[0] = vertx.setPeriodic(20, id -> {
      boolean ok = condition.get();
      if (ok || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer[0]);
        p.tryComplete(ok);
      }
    });
    return p.future();
  }
}
