package io.liveroom.room;

import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.error.AppException;
import io.liveroom.infra.CallerContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sender profiles for chat, cached so a chatty room does not cost one database query per message.
 *
 * <p>Stale-while-revalidate: a fresh entry (younger than {@code ttl}) is used as is; an older one is
 * still answered at once while one refresh per user runs in the background, so a chat message never
 * waits on PostgreSQL for someone the node has seen (viewers are looked up when they subscribe).
 * During a database outage the entry simply stays stale until a refresh succeeds, and chat goes on
 * at full speed. The {@link UserDirectory} contract allows this staleness: a change (nickname,
 * status, verification) is seen from the message after the refresh, so at most one message late.
 *
 * <p>Only a user not in the cache waits for the directory; concurrent lookups of the same user share
 * one query. The cache is shared by every event loop, so a waiter's future is handed back on the
 * caller's own context. The cache is cleared when it grows past its bound.
 */
final class Profiles {
  private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);
  private static final int MAX_ENTRIES = 200_000;

  private final UserDirectory directory;
  private final long ttlMs;
  private final Clock clock;
  private final Map<Long, Entry> cache = new ConcurrentHashMap<>();
  /** The one lookup in flight per user (refresh or first load). */
  private final Map<Long, Future<UserSummary>> loading = new ConcurrentHashMap<>();

  Profiles(UserDirectory directory, Duration ttl, Clock clock) {
    this.directory = directory;
    this.ttlMs = ttl.toMillis();
    this.clock = clock;
  }

  private record Entry(UserSummary summary, long loadedAt) {
  }

  Future<UserSummary> find(long userId) {
    Entry e = cache.get(userId);
    if (e != null && clock.millis() - e.loadedAt < ttlMs) {
      return Future.succeededFuture(e.summary);
    }
    Future<UserSummary> load = load(userId);
    if (e != null) {
      return Future.succeededFuture(e.summary);
    }
    // The lookup may have been started (and so completes) on another event loop.
    return CallerContext.home(load);
  }

  /** Starts the user's lookup unless one is already running; either way returns the running one. */
  private Future<UserSummary> load(long userId) {
    Promise<UserSummary> promise = Promise.promise();
    Future<UserSummary> running = loading.putIfAbsent(userId, promise.future());
    if (running != null) {
      return running;
    }
    long startedAt = clock.millis();
    directory.find(userId).onComplete(done -> {
      if (done.succeeded()) {
        if (cache.size() >= MAX_ENTRIES) {
          cache.clear();
        }
        cache.put(userId, new Entry(done.result(), startedAt));
      } else if (done.cause() instanceof AppException app && !app.code().temporary()) {
        // A definite answer (the user is gone): stop serving the old profile.
        cache.remove(userId);
      } else if (cache.containsKey(userId)) {
        LOG.debug("Refreshing user {}'s profile failed ({}); the cached one stays in use", userId,
          done.cause().toString());
      }
      loading.remove(userId, promise.future());
      promise.handle(done);
    });
    return promise.future();
  }
}
