package io.liveroom.auth;


/**
 * Who is calling, as proven by a verified access token: the user, their role at the time the
 * token was issued, and the login session the token belongs to (so revoking that session can
 * reach this caller).
 */
public record Principal(long userId, Role role, String sessionId) {
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean isModeratorOrAdmin() {
    return role == Role.MODERATOR || role == Role.ADMIN;
  }
}
