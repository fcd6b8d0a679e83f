package io.liveroom.room;

import io.liveroom.auth.Role;
import io.liveroom.account.UserDirectory;
import io.vertx.core.Future;

/**
 * Platform roles for room decisions (closing any room, moderating any room), asked of accounts at
 * each privileged action. The role in an access token is what it was at login, up to the token's
 * lifetime ago; a demoted administrator must lose these powers at once.
 */
final class PlatformRoles {
  private final UserDirectory users;

  PlatformRoles(UserDirectory users) {
    this.users = users;
  }

  Future<Boolean> isAdmin(long userId) {
    return users.currentRole(userId).map(r -> r == Role.ADMIN);
  }

  /** Platform moderators and administrators. */
  Future<Boolean> isStaff(long userId) {
    return users.currentRole(userId).map(r -> r == Role.MODERATOR || r == Role.ADMIN);
  }
}
