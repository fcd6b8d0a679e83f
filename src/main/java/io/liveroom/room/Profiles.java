package io.liveroom.room;

import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sender profiles for chat, cached for a few seconds so a chatty room does not cost one database
 * query per message. The {@link UserDirectory} contract allows this staleness: a changed nickname or
 * verification shows within {@code TTL_MS}. The cache is cleared when it grows past its bound.
 */
final class Profiles {
  private static final long TTL_MS = 10_000;
  private static final int MAX_ENTRIES = 100_000;

  private final UserDirectory directory;
  private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

  Profiles(UserDirectory directory) {
    this.directory = directory;
  }

  private record Entry(UserSummary summary, long expiresAt) {
  }

  Future<UserSummary> find(long userId) {
    long now = System.currentTimeMillis();
    Entry e = cache.get(userId);
    if (e != null && e.expiresAt > now) {
      return Future.succeededFuture(e.summary);
    }
    return directory.find(userId).onSuccess(s -> {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(userId, new Entry(s, now + TTL_MS));
    });
  }
}
