package io.liveroom.oidc;

import io.liveroom.config.OidcConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Sign-in, linking and unlinking with OpenID Connect identities. A verified ID token whose subject
 * is linked signs in to that account; an unknown subject creates an account (it must accept the
 * current privacy policy) linked to it. Accounts are never joined by email: an email address
 * does not prove that the two are the same person. The provider's tokens are used for this
 * exchange only and never stored.
 *
 * <p>Order matters: the nonce is spent only once everything else has passed, so a refused first
 * sign-in (no policy accepted yet) can be repeated with the same token, and a replay is refused
 * however far the first attempt got.
 */
final class OidcService {
  private static final Logger LOG = LoggerFactory.getLogger(OidcService.class);

  private final OidcConfig config;
  private final IdTokenVerifier verifier;
  private final UsedNonces nonces;
  private final OidcRepository identities;
  private final OidcAccounts accounts;

  OidcService(OidcConfig config, IdTokenVerifier verifier, UsedNonces nonces, OidcRepository identities,
              OidcAccounts accounts) {
    this.config = config;
    this.verifier = verifier;
    this.nonces = nonces;
    this.identities = identities;
    this.accounts = accounts;
  }

  OidcConfig.Provider provider(String id) {
    OidcConfig.Provider p = config.provider(id);
    if (p == null) {
      throw AppException.of(ErrorCode.OIDC_PROVIDER_UNKNOWN, "No sign-in provider '" + id + "' is configured.");
    }
    return p;
  }

  /** The login answer, with {@code newAccount} true when this sign-in created the account. */
  Future<JsonObject> signIn(String providerId, String idToken, String nonce, String policyVersion,
                           OidcAccounts.Device device) {
    OidcConfig.Provider provider = provider(providerId);
    String method = "oidc:" + provider.id();
    return verifier.verify(provider, idToken, nonce).compose(id -> identities.userOf(id.provider(), id.subject())
      .compose(linked -> {
        if (linked.isEmpty() && !accounts.currentPolicyVersion().equals(policyVersion)) {
          return Future.failedFuture(AppException.of(ErrorCode.OIDC_POLICY_REQUIRED,
              "A first sign-in creates an account: accept the current privacy policy (policyVersion).")
            .with(Map.of("currentVersion", accounts.currentPolicyVersion())));
        }
        return spend(id, nonce).compose(v -> linked.isPresent()
          ? identities.touch(id).compose(x -> accounts.signIn(linked.get(), method, device)).map(b -> b.put("newAccount", false))
          : register(id, method, device));
      }));
  }

  private Future<JsonObject> register(VerifiedIdentity id, String method, OidcAccounts.Device device) {
    String nickname = id.name() == null || id.name().isBlank() ? "New user"
      : id.name().strip().substring(0, Math.min(32, id.name().strip().length()));
    return accounts.register(nickname, id.email(), method, device, (tx, userId) -> identities.insert(tx, userId, id, true))
      .compose(userId -> accounts.signIn(userId, method, device)).map(b -> b.put("newAccount", true))
      .recover(e -> {
        // Two first sign-ins of one subject with different tokens raced: the loser signs in to the winner's account.
        if (!uniqueViolation(e)) {
          return Future.failedFuture(e);
        }
        return identities.userOf(id.provider(), id.subject()).compose(u -> u.isPresent()
          ? accounts.signIn(u.get(), method, device).map(b -> b.put("newAccount", false)) : Future.failedFuture(e));
      });
  }

  /** Links the token's identity to the signed-in {@code userId}; linking the same identity again is a no-op. */
  Future<JsonObject> link(long userId, String providerId, String idToken, String nonce) {
    OidcConfig.Provider provider = provider(providerId);
    return verifier.verify(provider, idToken, nonce).compose(id -> identities.userOf(id.provider(), id.subject())
      .compose(linked -> {
        if (linked.isPresent() && linked.get() != userId) {
          return Future.failedFuture(AppException.of(ErrorCode.OIDC_IDENTITY_TAKEN,
            "This " + provider.id() + " identity already signs in to another account."));
        }
        return spend(id, nonce).compose(v -> linked.isPresent() ? Future.succeededFuture()
          : identities.insert(identities.pool(), userId, id, false).recover(e -> Future.failedFuture(uniqueViolation(e)
            ? AppException.of(ErrorCode.OIDC_ALREADY_LINKED, "This account already has a " + provider.id()
            + " identity linked; unlink it first.") : e)));
      }))
      .onSuccess(v -> LOG.info("User {} linked a {} identity", userId, provider.id()))
      .compose(v -> list(userId));
  }

  /**
   * Refused with {@code last_sign_in_method} when the account has no phone and no other provider.
   * The account's identity rows stay locked while deciding, so two concurrent unlinks of its last
   * two providers cannot both pass.
   */
  Future<Void> unlink(long userId, String providerId) {
    provider(providerId);
    return accounts.hasPhone(userId).compose(hasPhone -> identities.pool().withTransaction(tx ->
      identities.lockAll(tx, userId).compose(linked -> {
        if (!linked.contains(providerId)) {
          return Future.failedFuture(AppException.of(ErrorCode.OIDC_NOT_LINKED,
            "No " + providerId + " identity is linked to this account."));
        }
        if (!hasPhone && linked.size() == 1) {
          return Future.failedFuture(AppException.of(ErrorCode.LAST_SIGN_IN_METHOD,
            "This is the account's only way to sign in: add a phone number or link another provider first."));
        }
        return identities.delete(tx, userId, providerId);
      })))
      .onSuccess(v -> LOG.info("User {} unlinked their {} identity", userId, providerId));
  }

  Future<JsonObject> list(long userId) {
    return identities.list(userId).map(rows -> new JsonObject().put("identities", rows)
      .put("providers", config.providers().stream().map(OidcConfig.Provider::id).toList()));
  }

  private Future<Void> spend(VerifiedIdentity id, String nonce) {
    return nonces.claim(id.provider(), nonce, id.expiresAt()).compose(first -> first ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.OIDC_NONCE_REPLAYED,
        "This ID token was already used; sign in with the provider again.")));
  }

  private static boolean uniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
