package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.BiFunction;

/**
 * Accounts' seam for sign-in methods that prove who the user is somewhere else (an OpenID Connect
 * provider): create an account without phone or password, and open a session for an account the
 * method has already identified. The caller has done the proving; this class applies the same
 * status rules as a password login (frozen, banned, awaiting a guardian) and the same audit.
 * Such an account has no phone until it adds one, so hosting, chatting and gifting refuse it with
 * {@code phone_required} (see {@link UserSummary#hasPhone()}).
 */
public final class ExternalSignIn {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalSignIn.class);

  private final UserRepository users;
  private final ExternalAccountRepository external;
  private final AccountService accounts;
  private final UserDirectory directory;
  private final AuditLog audit;
  private final String policyVersion;
  private final Clock clock;

  ExternalSignIn(UserRepository users, ExternalAccountRepository external, AccountService accounts,
                 UserDirectory directory, AuditLog audit, String policyVersion, Clock clock) {
    this.users = users;
    this.external = external;
    this.accounts = accounts;
    this.directory = directory;
    this.audit = audit;
    this.policyVersion = policyVersion;
    this.clock = clock;
  }

  /** The privacy-policy version a new account must accept. */
  public String currentPolicyVersion() {
    return policyVersion;
  }

  /**
   * Creates an active account inside the caller's transaction after {@code link} (the caller's own
   * row, e.g. the linked identity) succeeds, so a failed link leaves no account behind. Audited as
   * {@code register} with the method.
   */
  public Future<Long> register(String nickname, String email, String method, DeviceInfo device,
                               BiFunction<SqlClient, Long, Future<Void>> link) {
    return users.nextId().compose(id -> users.pool().withTransaction(tx ->
        external.insert(tx, id, nickname, email, policyVersion).compose(v -> link.apply(tx, id)).map(id)))
      .compose(id -> audit.security(id, "register", device.ip(), new JsonObject().put("policyVersion", policyVersion)
        .put("status", "active").put("role", "user").put("method", method)).map(id))
      .onSuccess(id -> LOG.info("User {} registered through {}", id, method));
  }

  /**
   * Opens a session for an account the method identified: the answer of a login,
   * {@code {accessToken, refreshToken, expiresIn, sessionId, user}}.
   */
  public Future<JsonObject> signIn(long userId, String method, DeviceInfo device) {
    return external.credentials(userId)
      .compose(found -> found.isPresent() ? accounts.admitExternal(found.get(), method, device)
        : Future.failedFuture(AppException.of(ErrorCode.ACCOUNT_DISABLED, "This account cannot be used.")))
      .compose(r -> directory.find(r.userId()).map(u -> new JsonObject()
        .put("accessToken", r.tokens().accessToken()).put("refreshToken", r.tokens().refreshToken())
        .put("expiresIn", r.tokens().expiresIn()).put("sessionId", r.tokens().sessionId())
        .put("user", ProfileService.summaryJson(u, LocalDate.now(clock)))));
  }

  /** Whether the account has a phone, i.e. can still sign in by SMS code without any provider. */
  public Future<Boolean> hasPhone(long userId) {
    return external.hasPhone(userId).map(found -> found.orElse(false));
  }
}
