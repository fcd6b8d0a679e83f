package io.liveroom.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.function.BiFunction;

/**
 * What OpenID Connect sign-in needs from accounts, answered by an adapter in the bootstrap
 * package: create an account without phone or password, open a session with the same status rules
 * and audit as any login, and tell whether an account has a phone (its other way to sign in).
 */
public interface OidcAccounts {
  /** The privacy-policy version a new account must accept. */
  String currentPolicyVersion();

  /**
   * Creates an active account and runs {@code link(tx, userId)} in the same transaction, so the
   * account exists only with its linked identity. Succeeds with the new user id.
   */
  Future<Long> register(String nickname, String email, String method, Device device,
                        BiFunction<SqlClient, Long, Future<Void>> link);

  /** A login answer {@code {accessToken, refreshToken, expiresIn, sessionId, user}}; fails for a frozen or banned account. */
  Future<JsonObject> signIn(long userId, String method, Device device);

  Future<Boolean> hasPhone(long userId);

  /** The device a session is opened from, as sessions record it. */
  record Device(String name, String userAgent, String ip) {
  }
}
