package io.liveroom.account;

import io.liveroom.auth.Role;
import io.vertx.core.Future;

/**
 * Read access to user summaries for other capabilities (rooms attach the sender's profile to chat,
 * rewards check "verified adult", Nearby hides minors). Fails with {@code not_found} for an unknown
 * id. Implementations may cache for a few seconds; a change of verification or status becomes
 * visible within that time.
 */
public interface UserDirectory {
  Future<UserSummary> find(long userId);

  /**
   * Fails with {@code phone_required} when the account has no phone, and with
   * {@code permission_denied} unless the user has a verified identity.
   */
  Future<UserSummary> requireVerified(long userId);

  /**
   * The user's platform role as stored now, for privileged actions: never the role claimed in an
   * access token (up to its lifetime old) and never cached, so a demotion counts at once.
   * {@link Role#USER} for an account that is not active; {@code not_found} for an unknown id.
   */
  Future<Role> currentRole(long userId);
}
