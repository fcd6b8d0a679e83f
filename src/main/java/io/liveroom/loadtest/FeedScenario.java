package io.liveroom.loadtest;

import io.liveroom.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code feed}: the following feed under read load. Registers {@code --readers} users through the
 * API, then seeds in SQL ({@link FeedSeedRepository}, {@code --pg-url} of the node's PostgreSQL on
 * loopback): {@code --authors} authors, {@code --posts} posts spread over them, and
 * {@code --follows} followees per reader, and analyzes what it wrote (a benchmark that reads right
 * after a bulk load must: autovacuum has not seen the rows yet). Then every reader reads
 * {@code GET /api/v1/feed/following?limit=} for {@code --duration}, following {@code nextCursor} for
 * {@code --pages} pages and starting over. Two modes:
 * <ul>
 *   <li>{@code --think 0} (the default): a closed loop, the next request when the answer arrives.
 *   It measures capacity (pages/s); its latency is about readers / capacity by Little's law, so it
 *   says how long the queue is, not how fast a page is.</li>
 *   <li>{@code --think 1s}: each reader pauses a think time after each answer, uniformly 50-150% of
 *   it (the jitter keeps readers from marching in step), and starts after a random part of one. The
 *   offered load is then about readers / (think + latency) pages/s, like people scrolling.</li>
 * </ul>
 * Latency is each request's, from send to answer, after {@code --warmup}. A first
 * page with fewer than {@code --limit} posts, or any non-200, is counted as an error and fails the
 * run (the seed guarantees full pages).
 */
final class FeedScenario implements Scenario {
  @Override
  public String name() {
    return "feed";
  }

  @Override
  public Set<String> keys() {
    return Set.of("readers", "follows", "authors", "posts", "limit", "pages", "pg-url", "think");
  }

  @Override
  public Future<Void> run(Run run) {
    String pgUrl = run.options.string("pg-url", null);
    if (pgUrl == null) {
      return Future.failedFuture("feed needs --pg-url (the node's PostgreSQL on loopback) to seed posts in SQL");
    }
    Options.requireLoopback(URI.create(pgUrl.replaceFirst("^postgres(ql)?:", "http:")).getHost());
    int readers = run.options.integer("readers", 200);
    int follows = run.options.integer("follows", 1_000);
    int authors = run.options.integer("authors", 10_000);
    int posts = run.options.integer("posts", 1_000_000);
    if (follows > authors) {
      return Future.failedFuture("--follows must not exceed --authors");
    }
    run.result.put("readers", readers).put("followsPerReader", follows).put("authors", authors).put("posts", posts);
    FeedSeedRepository seed = new FeedSeedRepository(Database.pool(run.vertx, pgUrl, 4));
    long t0 = System.nanoTime();
    return run.inParallel(readers, 4, i -> run.api.register())
      .compose(users -> seed.authors(authors)
        .compose(a -> seed.follows(users.stream().map(Api.User::id).toList(), a, follows)
          .compose(v -> seed.posts(a, posts)))
        .compose(v -> seed.analyze())
        .map(v -> {
          run.result.put("seedSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
          return users;
        }))
      .eventually(() -> {
        seed.close();
        return Future.succeededFuture();
      })
      .compose(users -> read(run, users));
  }

  /** Every reader in a closed loop until the duration ends; completes when all have stopped. */
  private static Future<Void> read(Run run, List<Api.User> users) {
    int limit = run.options.integer("limit", 20);
    int pages = run.options.integer("pages", 3);
    long thinkMs = run.options.duration("think", Duration.ZERO).toMillis();
    run.result.put("mode", thinkMs == 0 ? "closed loop" : "think time").put("thinkMs", thinkMs);
    WebClient http = WebClient.create(run.vertx, new WebClientOptions().setDefaultHost(run.options.host())
      .setDefaultPort(run.options.port()), new PoolOptions().setHttp1MaxSize(users.size()));
    long end = System.nanoTime() + run.duration.toNanos();
    LongAdder shortPages = new LongAdder();
    AtomicInteger running = new AtomicInteger(users.size());
    Promise<Void> done = Promise.promise();
    run.startMeasuring();
    for (Api.User u : users) {
      Reader reader = new Reader(run, http, u, limit, pages, thinkMs, end, shortPages, () -> {
        if (running.decrementAndGet() == 0) {
          done.complete();
        }
      });
      if (thinkMs == 0) {
        reader.next(null, 0);
      } else {
        run.vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(thinkMs), id -> reader.next(null, 0));
      }
    }
    return done.future().compose(v -> {
      http.close();
      run.result.put("requests", run.stats.received.sum()).put("shortFirstPages", shortPages.sum())
        .put("requestsPerSec", Math.round(run.stats.received.sum() / (run.duration.toMillis() / 1000.0)))
        .put("targetP99Ms", 50);
      long errors = run.stats.errors.sum() + shortPages.sum();
      return errors == 0 ? Future.succeededFuture() : Future.failedFuture(errors + " failed or short feed pages; last: "
        + run.result.getString("lastFeedError", "a short first page"));
    });
  }

  /** One reader: pages through its feed, one request at a time, pausing {@code thinkMs} (jittered) between them. */
  private record Reader(Run run, WebClient http, Api.User user, int limit, int pages, long thinkMs, long end,
                        LongAdder shortPages, Runnable stopped) {
    void next(String cursor, int page) {
      if (System.nanoTime() >= end) {
        stopped.run();
        return;
      }
      String path = "/api/v1/feed/following?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
      long start = System.nanoTime();
      run.stats.sent.increment();
      http.get(path).bearerTokenAuthentication(user.token()).send().onComplete(ar -> {
        run.stats.latency(start, System.nanoTime());
        JsonObject body = ok(ar.succeeded() ? ar.result() : null, ar.cause());
        if (body == null) {
          after(null, 0);
          return;
        }
        run.stats.received.increment();
        if (page == 0 && body.getJsonArray("items").size() < limit) {
          shortPages.increment();
        }
        String nextCursor = body.getString("nextCursor");
        boolean again = nextCursor != null && page + 1 < pages;
        after(again ? nextCursor : null, again ? page + 1 : 0);
      });
    }

    /** The next request: at once in a closed loop, else after 50-150% of the think time. */
    private void after(String cursor, int page) {
      if (thinkMs == 0) {
        next(cursor, page);
        return;
      }
      long pause = thinkMs / 2 + ThreadLocalRandom.current().nextLong(thinkMs + 1);
      run.vertx.setTimer(Math.max(1, pause), id -> next(cursor, page));
    }

    private JsonObject ok(HttpResponse<Buffer> r, Throwable failure) {
      if (r != null && r.statusCode() == 200) {
        return r.bodyAsJsonObject();
      }
      run.stats.errors.increment();
      run.result.put("lastFeedError", r == null ? String.valueOf(failure) : r.statusCode() + " " + r.bodyAsString());
      return null;
    }
  }
}
