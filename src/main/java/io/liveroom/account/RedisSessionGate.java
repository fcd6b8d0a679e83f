package io.liveroom.account;

import io.liveroom.auth.Principal;
import io.liveroom.auth.SessionGate;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.CacheMarker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link SessionGate} answered from a Redis cache of what PostgreSQL knows, so the hot path stays
 * one Redis round trip.
 *
 * <p><b>Truth.</b> PostgreSQL holds it: {@code sessions.revoked_at} and {@code users.status}. Redis holds two kinds of markers, written
 * after PostgreSQL commits: {@code acct:revoked:<sid>} and {@code acct:disabled:<userId>} (holding
 * the status). Both live as long as an access token can (access TTL + leeway); after that every
 * token of the session has expired, and refresh checks PostgreSQL.
 *
 * <p><b>Losing Redis must not resurrect a revoked token.</b> The markers are a cache guarded by a
 * {@link CacheMarker} ({@code lr:{cache}:sessions}), read in the same MGET as the two markers:
 * <ul>
 *   <li>marker present: the cache is complete, Redis answers (the usual case);</li>
 *   <li>marker absent (Redis was wiped, or has not been filled yet): PostgreSQL answers this
 *       request, and a rebuild reloads every revocation and disabled account of the last access TTL
 *       into Redis, then sets the marker;</li>
 *   <li>Redis unreachable: PostgreSQL answers;</li>
 *   <li>neither can answer: the gate fails closed with 503 {@code service_unavailable}.</li>
 * </ul>
 * A marker write that fails after PostgreSQL committed does not fail the caller (the revocation
 * is durable); it invalidates the cache, so the next rebuild carries it into Redis.
 */
public final class RedisSessionGate implements SessionGate {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionGate.class);
  private static final int LEEWAY_SECONDS = 30;
  /** The marker privacy sets for a frozen account whose cancellation is pending. */
  public static final String CANCELLATION_PENDING = "cancellation_pending";
  /** Markers written per round of a rebuild. */
  private static final int FILL_BATCH = 500;

  private final RedisAPI redis;
  private final SessionRepository sessions;
  private final int ttlSeconds;
  private final CacheMarker cache;

  public RedisSessionGate(Vertx vertx, RedisAPI redis, SessionRepository sessions, int accessTtlSeconds) {
    this.redis = redis;
    this.sessions = sessions;
    this.ttlSeconds = accessTtlSeconds + LEEWAY_SECONDS;
    this.cache = new CacheMarker(vertx, redis, "sessions", this::fill);
  }

  /** Keeps the cache complete: checks its marker now and every second, rebuilding when it is gone. */
  public void start() {
    cache.watch();
  }

  public void stop() {
    cache.stop();
  }

  @Override
  public Future<Void> check(Principal p) {
    return redis.mget(List.of(revokedKey(p.sessionId()), disabledKey(p.userId()), cache.key())).transform(ar -> {
      if (ar.succeeded() && ar.result().get(2) != null) {
        Response r = ar.result();
        return decide(r.get(1) == null ? null : r.get(1).toString(), r.get(0) != null);
      }
      if (ar.succeeded()) {
        cache.ensure().onFailure(e -> LOG.debug("Session cache rebuild did not complete: {}", e.toString()));
      }
      return fromPostgres(p);
    });
  }

  /**
   * The slow path, while the cache cannot answer: one query, with the cache's meaning (only what
   * PostgreSQL records as revoked or disabled is refused); fails closed when PostgreSQL cannot answer.
   */
  private Future<Void> fromPostgres(Principal p) {
    return sessions.gateState(loginSession(p.sessionId()), p.userId())
      .recover(e -> {
        LOG.warn("Session gate cannot check user {} (Redis cache unusable, PostgreSQL failed: {}); refusing",
          p.userId(), e.toString());
        return Future.failedFuture(AppException.retryAfter(ErrorCode.SERVICE_UNAVAILABLE,
          "Sessions cannot be checked right now.", 1));
      })
      .compose(s -> decide(s.status() == null || "active".equals(s.status()) ? null : markerOf(s.status()),
        s.revoked()));
  }

  /** The session id as stored, or null for ids that are not a login session's (e.g. benchmark tokens). */
  private static UUID loginSession(String sid) {
    try {
      return sid == null ? null : UUID.fromString(sid);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Future<Void> decide(String disabledStatus, boolean revoked) {
    // A disabled account explains more than its revoked sessions, so it is reported first.
    if (disabledStatus != null) {
      return Future.failedFuture(switch (disabledStatus) {
        case "pending_guardian" -> AppException.of(ErrorCode.GUARDIAN_CONSENT_REQUIRED,
          "A guardian's consent must be recorded first.");
        case CANCELLATION_PENDING -> AppException.of(ErrorCode.CANCELLATION_PENDING,
          "This account is being cancelled; log in to withdraw the cancellation.");
        default -> AppException.of(ErrorCode.ACCOUNT_DISABLED, "This account cannot be used.");
      });
    }
    if (revoked) {
      return Future.failedFuture(AppException.of(ErrorCode.SESSION_REVOKED, "This session has ended; log in again."));
    }
    return Future.succeededFuture();
  }

  /** Call after the revocation is committed in PostgreSQL; never fails (see the class comment). */
  public Future<Void> markRevoked(String sessionId) {
    return cached(redis.set(List.of(revokedKey(sessionId), "1", "EX", Integer.toString(ttlSeconds))), sessionId);
  }

  /** Marks the account as not active, with its status; call after the status is committed; never fails. */
  public Future<Void> markDisabled(long userId, String status) {
    return cached(redis.set(List.of(disabledKey(userId), status, "EX", Integer.toString(ttlSeconds))), "user " + userId);
  }

  /** Lifts the account's marker; fails when Redis cannot be told (the marker would keep refusing it). */
  public Future<Void> markEnabled(long userId) {
    return redis.del(List.of(disabledKey(userId))).mapEmpty();
  }

  private Future<Void> cached(Future<Response> write, String what) {
    return write.<Void>mapEmpty().recover(e -> {
      LOG.warn("Session gate marker for {} not written to Redis ({}); the cache will be rebuilt from PostgreSQL",
        what, e.toString());
      cache.invalidate();
      return Future.succeededFuture();
    });
  }

  /** The rebuild: every revocation and disabled account an unexpired access token could still meet. */
  private Future<Void> fill() {
    return sessions.recentRevocations(ttlSeconds)
      .compose(ids -> write(ids.stream().map(id -> List.of(revokedKey(id.toString()), "1")).toList(), 0))
      .compose(x -> sessions.recentlyDisabled(ttlSeconds))
      .compose(users -> write(users.entrySet().stream()
        .map(u -> List.of(disabledKey(u.getKey()), markerOf(u.getValue()))).toList(), 0));
  }

  private Future<Void> write(List<List<String>> entries, int from) {
    if (from >= entries.size()) {
      return Future.succeededFuture();
    }
    List<Future<Response>> batch = new ArrayList<>();
    for (List<String> e : entries.subList(from, Math.min(entries.size(), from + FILL_BATCH))) {
      batch.add(redis.set(List.of(e.get(0), e.get(1), "EX", Integer.toString(ttlSeconds))));
    }
    return Future.all(batch).compose(x -> write(entries, from + FILL_BATCH));
  }

  /** The gate's marker value for a status in PostgreSQL: a frozen account is one whose cancellation is pending. */
  private static String markerOf(String status) {
    return "frozen".equals(status) ? CANCELLATION_PENDING : status;
  }

  private static String revokedKey(String sid) {
    return "acct:revoked:" + sid;
  }

  private static String disabledKey(long userId) {
    return "acct:disabled:" + userId;
  }
}
