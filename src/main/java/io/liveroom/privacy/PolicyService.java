package io.liveroom.privacy;

import io.liveroom.account.AuditLog;
import io.liveroom.account.PolicyAcceptance;
import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.BearerAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import static io.liveroom.privacy.ExportRepository.utc;

/**
 * Privacy-policy versions. The current version is {@code accounts.policyVersion}; the version a user
 * accepted is kept on their account (asked through accounts' {@link PolicyAcceptance}); a user whose
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

  private record Cached(String version, long at) {
  }

  private final PolicyRepository acceptances;
  private final PolicyAcceptance accounts;
  private final String current;
  private final AuditLog audit;
  private final Clock clock;
  /** Values, not futures: a miss queries from the caller, so nothing crosses event loops. */
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  PolicyService(PolicyRepository acceptances, PolicyAcceptance accounts, String current, AuditLog audit, Clock clock) {
    this.acceptances = acceptances;
    this.accounts = accounts;
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
    return acceptances.pool().withTransaction(tx -> accounts.recordAccepted(tx, userId, version, utc(now))
        .compose(v -> acceptances.record(tx, userId, version, utc(now), ip)))
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
    return accounts.acceptedVersion(userId).map(found -> {
      String v = found.orElse(null);
      cache.put(userId, new Cached(Objects.requireNonNullElse(v, ""), now));
      return v;
    });
  }
}
