package io.liveroom.reward;

import io.liveroom.auth.Role;
import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.infra.CallerContext;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link UserDirectory} that remembers each user's summary for {@code ttlMillis}, so a viewer
 * tapping a gift many times a second costs one profile query, not one per tap. As the
 * UserDirectory contract allows, a change of verification or status becomes visible here within
 * that time. Bounded: when full it starts over (a cache, not a store).
 *
 * <p>It caches futures, shared by every event loop; a pending one completes on the loop that
 * started the lookup, so each caller gets it back on its own context ({@link CallerContext}).
 */
final class RecentUsers implements UserDirectory {
  private final UserDirectory delegate;
  private final long ttlMillis;
  private final int maxEntries;
  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(Future<UserSummary> summary, long loadedAt) {
  }

  RecentUsers(UserDirectory delegate, long ttlMillis, int maxEntries) {
    this.delegate = delegate;
    this.ttlMillis = ttlMillis;
    this.maxEntries = maxEntries;
  }

  @Override
  public Future<UserSummary> find(long userId) {
    long now = System.currentTimeMillis();
    Entry e = entries.get(userId);
    if (e != null && now - e.loadedAt() < ttlMillis && !e.summary().failed()) {
      return CallerContext.home(e.summary());
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    Future<UserSummary> loaded = delegate.find(userId);
    entries.put(userId, new Entry(loaded, now));
    return loaded;
  }

  @Override
  public Future<UserSummary> requireVerified(long userId) {
    return delegate.requireVerified(userId);
  }

  /** Never from this cache: roles guard privileged actions. */
  @Override
  public Future<Role> currentRole(long userId) {
    return delegate.currentRole(userId);
  }
}
