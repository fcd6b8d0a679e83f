package io.liveroom.youth;

import io.liveroom.config.YouthConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters youth-mode time from what this node sees: the live-room subscriptions of its connections
 * and the AI answers it streams. Each start, end and every {@code youth.tickSeconds} in between is
 * an observation credited to the user's daily total in Redis ({@link UsageCounter}), so devices
 * on several nodes add up to one total without trusting any client. At each tick a user over
 * today's limit, or inside the curfew, is cut off on this node: live subscriptions get an
 * unsubscribe push (code {@value #UNSUBSCRIBE_TIME_LIMIT} or {@value #UNSUBSCRIBE_CURFEW}) and
 * AI answers stop. Sessions are tracked for every user; the mode is asked (cached) at each tick,
 * so turning youth mode on applies to sessions already open.
 */
public final class UsageMeter {
  private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
  /** Unsubscribe push codes (2000-2499: SDKs do not resubscribe), as docs/PROTOCOL.md lists them. */
  public static final int UNSUBSCRIBE_TIME_LIMIT = 2050;
  public static final int UNSUBSCRIBE_CURFEW = 2051;

  private final Vertx vertx;
  private final YouthService service;
  private final UsageCounter counter;
  private final Realtime realtime;
  private final YouthConfig config;
  /** Open sessions on this node, from every event loop: live ones by client and channel, AI ones by a handle. */
  private final Map<Object, Session> sessions = new ConcurrentHashMap<>();
  private long timer = -1;

  /** One metered session: a live subscription (channel set) or an AI answer (stop set). */
  private record Session(long userId, UsageKind kind, String channel, Runnable stop) {
  }

  UsageMeter(Vertx vertx, YouthService service, UsageCounter counter, Realtime realtime, YouthConfig config) {
    this.vertx = vertx;
    this.service = service;
    this.counter = counter;
    this.realtime = realtime;
    this.config = config;
  }

  void start() {
    timer = vertx.setPeriodic(config.tickSeconds() * 1000L, id -> tick());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** A live-room subscription started on this node. */
  public void watching(long userId, String clientId, String channel) {
    sessions.put(List.of(clientId, channel), new Session(userId, UsageKind.LIVE, channel, null));
    observeOnce(userId, UsageKind.LIVE, true);
  }

  /** A live-room subscription ended on this node (the end is an observation too). */
  public void stoppedWatching(long userId, String clientId, String channel) {
    if (sessions.remove(List.of(clientId, channel)) != null) {
      observeOnce(userId, UsageKind.LIVE, false);
    }
  }

  /**
   * An AI answer started streaming for the user; {@code stop} cuts it off. Returns what to call
   * when it ends, whatever the outcome.
   */
  public Runnable answering(long userId, Runnable stop) {
    Object handle = new Object();
    sessions.put(handle, new Session(userId, UsageKind.AI, null, stop));
    observeOnce(userId, UsageKind.AI, true);
    return () -> {
      if (sessions.remove(handle) != null) {
        observeOnce(userId, UsageKind.AI, false);
      }
    };
  }

  /** Sessions metered on this node now (for tests and metrics). */
  int open() {
    return sessions.size();
  }

  private void observeOnce(long userId, UsageKind kind, boolean start) {
    long at = counter.now();
    service.mode(userId).compose(m -> m.on() ? counter.observe(userId, kind, m.zone(), at, start)
        : Future.succeededFuture(0L))
      .onFailure(e -> LOG.warn("Youth usage of user {} ({}) not observed: {}", userId, kind.key, e.getMessage()));
  }

  /** Observes every user with open sessions here, and cuts off those past the limit or in the curfew. */
  void tick() {
    // The totals observed during the last tick go to PostgreSQL, so a Redis wipe loses at most one tick.
    counter.flush().onFailure(e -> LOG.warn("Youth usage totals not copied to PostgreSQL: {}", e.getMessage()));
    long at = counter.now();
    Map<Long, List<Map.Entry<Object, Session>>> byUser = new HashMap<>();
    sessions.entrySet().forEach(e -> byUser.computeIfAbsent(e.getValue().userId(), u -> new ArrayList<>()).add(e));
    byUser.forEach((userId, open) -> service.mode(userId)
      .compose(m -> m.on() ? observe(userId, m, open, at) : Future.succeededFuture())
      .onFailure(e -> LOG.warn("Youth usage tick for user {} failed: {}", userId, e.getMessage())));
  }

  private Future<Void> observe(long userId, YouthMode mode, List<Map.Entry<Object, Session>> open, long at) {
    AppException curfew = service.curfewRefusal(mode.zone());
    List<Future<?>> done = new ArrayList<>();
    for (UsageKind kind : UsageKind.values()) {
      List<Map.Entry<Object, Session>> ofKind = open.stream().filter(e -> e.getValue().kind() == kind).toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      done.add(counter.observe(userId, kind, mode.zone(), at, false).onSuccess(usedMs -> {
        LOG.debug("Youth usage of user {} ({}): {} ms today, {} session(s) here", userId, kind.key, usedMs, ofKind.size());
        if (curfew != null) {
          cutOff(userId, ofKind, ErrorCode.YOUTH_CURFEW);
        } else if (usedMs >= kind.limitMs(config)) {
          cutOff(userId, ofKind, ErrorCode.YOUTH_TIME_LIMIT);
        }
      }));
    }
    return Future.join(done).mapEmpty();
  }

  private void cutOff(long userId, List<Map.Entry<Object, Session>> open, ErrorCode why) {
    boolean limit = why == ErrorCode.YOUTH_TIME_LIMIT;
    for (Map.Entry<Object, Session> e : open) {
      Session s = e.getValue();
      LOG.info("Youth mode: user {}'s {} session cut off ({})", userId, s.kind().key, why.code());
      if (s.kind() == UsageKind.LIVE) {
        // Every node unsubscribes the user's connections from the channel; the listener then drops the session.
        realtime.unsubscribeUser(userId, s.channel(), limit ? UNSUBSCRIBE_TIME_LIMIT : UNSUBSCRIBE_CURFEW,
          limit ? "youth time limit" : "youth curfew");
      } else if (sessions.remove(e.getKey()) != null) {
        s.stop().run();
      }
    }
  }
}
