package io.liveroom.infra;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Guards one Redis cache that PostgreSQL can rebuild (live room state, session revocations,
 * leaderboards) against Redis losing its data: a restart without persistence, a FLUSHALL, a
 * failover to an empty replica.
 *
 * <p><b>Contract.</b> While the marker key {@code lr:{cache}:<name>} exists, the cache is complete:
 * everything PostgreSQL would put there is there (writers update PostgreSQL first, then Redis). When
 * the marker is absent the cache cannot be trusted: readers ask PostgreSQL (or refuse), and a
 * rebuild fills the cache from PostgreSQL and sets the marker again.
 *
 * <p><b>Noticing a wipe.</b> The marker disappears with everything else. A reader that checks it on
 * its own path sees that at once; besides, every node checks it every {@link #WATCH_PERIOD}
 * ({@link #watch}), so a cache comes back even when no request touches it and even when the node's
 * connection never broke (a FLUSHALL, or a restart faster than the pool noticed).
 *
 * <p><b>Rebuilding.</b> One rebuild at a time per node; several nodes may rebuild at once, which is
 * harmless (the writes are idempotent). A rebuild first writes a sentinel key, then reads
 * PostgreSQL and fills Redis, then sets the marker in one script <em>only if the sentinel is still
 * there</em>: a wipe during the rebuild takes the sentinel with it, so the marker is not set over a
 * half-lost fill, and the next check starts over.
 *
 * <p><b>Missed writes.</b> A writer whose Redis update failed after PostgreSQL committed calls
 * {@link #invalidate}: this node deletes the marker as soon as Redis answers again and rebuilds, so
 * no node keeps trusting a cache that lacks the write. (Until then, nodes that can reach Redis may
 * answer from it; a node that cannot reach Redis does not answer from it at all.)
 */
public final class CacheMarker {
  /** How often each node checks each marker. */
  public static final Duration WATCH_PERIOD = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(CacheMarker.class);
  /** A rebuild that takes longer than this has its sentinel expire and does not set the marker. */
  private static final long SENTINEL_TTL_MS = 600_000;
  private static final RedisScript COMMIT = RedisScript.load("lua/infra/cache_commit.lua");

  private final Vertx vertx;
  private final RedisAPI redis;
  private final String name;
  private final Supplier<Future<Void>> fill;
  private final AtomicReference<Future<Void>> running = new AtomicReference<>();
  private final AtomicBoolean stale = new AtomicBoolean();
  private final AtomicBoolean failing = new AtomicBoolean();
  private volatile long timer = -1;
  private volatile long lastFailure = System.nanoTime() - WATCH_PERIOD.toNanos();

  /**
   * @param name the cache's name, in the marker key and the logs
   * @param fill writes every entry PostgreSQL holds for this cache into Redis (idempotent)
   */
  public CacheMarker(Vertx vertx, RedisAPI redis, String name, Supplier<Future<Void>> fill) {
    this.vertx = vertx;
    this.redis = redis;
    this.name = name;
    this.fill = fill;
  }

  /** The marker key; its hash tag keeps it in one cluster slot with its sentinels. */
  public String key() {
    return "lr:{cache}:" + name;
  }

  /** Whether the cache is complete now (fails when Redis cannot be asked). */
  public Future<Boolean> present() {
    return redis.exists(List.of(key())).map(r -> r.toInteger() == 1);
  }

  /** A write to the cache failed after PostgreSQL committed: stop trusting it until rebuilt. */
  public void invalidate() {
    stale.set(true);
  }

  /** Rebuilds when the marker is absent (or a write was missed); succeeds once the cache is complete. */
  public Future<Void> ensure() {
    if (stale.get()) {
      return CallerContext.home(redis.del(List.of(key())).compose(r -> {
        stale.set(false);
        return shared(false);
      }));
    }
    return CallerContext.home(present().compose(ok -> ok ? Future.succeededFuture() : shared(true)));
  }

  /** Rebuilds now (joining a rebuild already running on this node); completes on the caller's context. */
  public Future<Void> rebuild() {
    return CallerContext.home(shared(false));
  }

  /** Checks the marker now and then every {@link #WATCH_PERIOD}, until {@link #stop}. */
  public void watch() {
    check();
    timer = vertx.setPeriodic(WATCH_PERIOD.toMillis(), id -> check());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void check() {
    ensure().onComplete(ar -> {
      if (ar.failed() && failing.compareAndSet(false, true)) {
        LOG.warn("The {} cache in Redis cannot be checked or rebuilt yet (will retry every {} ms): {}", name,
          WATCH_PERIOD.toMillis(), ar.cause().toString());
      } else if (ar.succeeded() && failing.compareAndSet(true, false)) {
        LOG.info("The {} cache in Redis is complete again", name);
      }
    });
  }

  /**
   * @param unlessPresent skip the fill when the marker is back by the time this rebuild starts: a
   *                      caller that saw it absent may ask just after another rebuild finished
   */
  private Future<Void> shared(boolean unlessPresent) {
    // After a failed rebuild (PostgreSQL down, say) readers do not start another one each: at most
    // one attempt per half WATCH_PERIOD, so an outage costs neither PostgreSQL nor Redis a storm.
    if (System.nanoTime() - lastFailure < WATCH_PERIOD.toNanos() / 2) {
      return Future.failedFuture(new IllegalStateException("The " + name + " cache's last rebuild failed just now"));
    }
    Promise<Void> mine = Promise.promise();
    Future<Void> current = running.compareAndExchange(null, mine.future());
    if (current != null) {
      return current;
    }
    long started = System.nanoTime();
    String sentinel = key() + ":filling:" + UUID.randomUUID();
    Future<Boolean> needed = unlessPresent ? present().map(ok -> !ok) : Future.succeededFuture(true);
    needed.compose(yes -> yes ? fillAndMark(sentinel, started) : Future.<Void>succeededFuture())
      .onFailure(e -> lastFailure = System.nanoTime())
      .onComplete(ar -> {
        running.set(null);
        mine.handle(ar);
      });
    return mine.future();
  }

  private Future<Void> fillAndMark(String sentinel, long started) {
    return redis.set(List.of(sentinel, "1", "PX", Long.toString(SENTINEL_TTL_MS)))
      .compose(x -> fill.get())
      .compose(x -> COMMIT.run(redis, List.of(sentinel, key()), List.of(Instant.now().toString())))
      .<Void>compose(r -> r.toInteger() == 1 ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("Redis was wiped while the " + name + " cache was rebuilt")))
      .onSuccess(x -> LOG.info("Rebuilt the {} cache in Redis from PostgreSQL in {} ms", name,
        (System.nanoTime() - started) / 1_000_000))
      .onFailure(e -> redis.del(List.of(sentinel)));
  }
}
