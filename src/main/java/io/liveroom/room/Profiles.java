package io.liveroom.room;

import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sender profiles for chat, cached so a chatty room does not cost one database query per message.
 * A fresh entry (younger than {@code ttl}) is used as is: the {@link UserDirectory} contract allows
 * that staleness. When the directory fails (PostgreSQL down), an older entry is used instead, so live
 * chat goes on through a database outage for everyone the node has seen (viewers are looked up when
 * they subscribe). The cache is cleared when it grows past its bound.
 */
final class Profiles {
  private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);
  private static final int MAX_ENTRIES = 200_000;

  private final UserDirectory directory;
  private final long ttlMs;
  private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

  Profiles(UserDirectory directory, Duration ttl) {
    this.directory = directory;
    this.ttlMs = ttl.toMillis();
  }

  private record Entry(UserSummary summary, long loadedAt) {
  }

  Future<UserSummary> find(long userId) {
    long now = System.currentTimeMillis();
    Entry e = cache.get(userId);
    if (e != null && now - e.loadedAt < ttlMs) {
      return Future.succeededFuture(e.summary);
    }
    return directory.find(userId)
      .onSuccess(s -> {
        if (cache.size() >= MAX_ENTRIES) {
          cache.clear();
        }
        cache.put(userId, new Entry(s, now));
      })
      .recover(err -> {
        if (e == null || err instanceof io.liveroom.error.AppException) {
          return Future.failedFuture(err);
        }
        LOG.warn("User directory unavailable ({}); using user {}'s profile from {} s ago", err.getMessage(), userId,
          (now - e.loadedAt) / 1000);
        return Future.succeededFuture(e.summary);
      });
  }
}
