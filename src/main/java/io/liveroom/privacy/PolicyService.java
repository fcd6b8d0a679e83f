package io.liveroom.privacy;

import io.liveroom.account.AuditLog;
import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.BearerAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import static io.liveroom.privacy.ExportRepository.utc;

/**
 * Privacy-policy versions. The current version is {@code accounts.policyVersion}; a user whose
 * accepted version differs gets {@code X-Policy-Update-Required: <current>} on every authenticated
 * response, and the routes behind {@link BearerAuth#sensitive} refuse with
 * {@code policy_acceptance_required} until they accept. Accepted versions are cached per node for
 * {@link #CACHE_MILLIS}; accepting clears the entry on the accepting node (another node may show
 * the flag for up to that long).
 */
public final class PolicyService implements BearerAuth.Decorator {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);
  public static final String HEADER = "X-Policy-Update-Required";
  static final long CACHE_MILLIS = 30_000;
  static final String ACCEPTED = "SELECT policy_version FROM users WHERE id = $1";
  static final String ACCEPT = "UPDATE users SET policy_version = $2, policy_accepted_at = $3, updated_at = now() WHERE id = $1";
  static final String RECORD = "INSERT INTO policy_acceptances (user_id, policy_version, accepted_at, ip) VALUES ($1, $2, $3, $4)";

  private record Cached(String version, long at) {
  }

  private final Pool pool;
  private final String current;
  private final AuditLog audit;
  private final Clock clock;
  /** Values, not futures: a miss queries from the caller, so nothing crosses event loops. */
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  PolicyService(Pool pool, String current, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.current = current;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Future<Void> decorate(RoutingContext ctx, Principal p) {
    return accepted(p.userId()).map(version -> {
      if (!current.equals(version)) {
        ctx.response().putHeader(HEADER, current);
        BearerAuth.refuseSensitive(ctx, AppException.of(ErrorCode.POLICY_ACCEPTANCE_REQUIRED,
            "Accept the current privacy policy first.")
          .with(Map.of("policyVersion", current, "accept", "POST /api/v1/me/policy-acceptance")));
      }
      return (Void) null;
    }).recover(e -> {
      // The flag is advisory; an outage here must not take every authenticated route down.
      LOG.warn("Policy version of user {} unknown: {}", p.userId(), e.toString());
      return Future.succeededFuture();
    });
  }

  String current() {
    return current;
  }

  Future<JsonObject> accept(long userId, String version, String ip) {
    if (!current.equals(version)) {
      return Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "The current policy version is " + current + ".")
        .with(Map.of("policyVersion", current)));
    }
    Instant now = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery(ACCEPT).execute(Tuple.of(userId, version, utc(now)))
        .compose(v -> tx.preparedQuery(RECORD).execute(Tuple.of(userId, version, utc(now), ip))))
      .compose(v -> audit.security(userId, "privacy.policy.accepted", ip, new JsonObject().put("policyVersion", version)))
      .map(v -> {
        cache.remove(userId);
        return new JsonObject().put("policyVersion", version).put("acceptedAt", now.toString());
      });
  }

  private Future<String> accepted(long userId) {
    long now = System.currentTimeMillis();
    if (cache.size() > 100_000) {
      cache.clear();
    }
    Cached c = cache.get(userId);
    if (c != null && now - c.at() < CACHE_MILLIS) {
      return Future.succeededFuture(c.version());
    }
    return pool.preparedQuery(ACCEPTED).execute(Tuple.of(userId)).map(rows -> {
      String v = rows.size() == 0 ? null : rows.iterator().next().getString("policy_version");
      cache.put(userId, new Cached(Objects.requireNonNullElse(v, ""), now));
      return v;
    });
  }
}
