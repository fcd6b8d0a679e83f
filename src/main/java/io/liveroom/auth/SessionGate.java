package io.liveroom.auth;

import io.liveroom.auth.Principal;
import io.vertx.core.Future;

/**
 * A second check after a token's signature and claims verify: is its session still alive and its
 * account still usable? Tokens are stateless, so without this a revoked session or a frozen account
 * would keep working until the token expires.
 *
 * <p>Contract: succeed when the principal may act; fail with an {@code AppException} (unauthorized
 * or a more specific code) otherwise. Called on every authenticated HTTP request and socket
 * connect, so implementations must be cheap (one Redis round trip at most).
 */
public interface SessionGate {
  Future<Void> check(Principal principal);
}
