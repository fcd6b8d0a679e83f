package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/** {@link UserDirectory} straight from the {@code users} table. */
public final class PgUserDirectory implements UserDirectory {
  private final UserRepository users;

  public PgUserDirectory(Pool pool) {
    this.users = new UserRepository(pool);
  }

  @Override
  public Future<UserSummary> find(long userId) {
    return users.summary(userId)
      .map(found -> found.orElseThrow(() -> AppException.of(ErrorCode.NOT_FOUND, "No such user.")));
  }

  @Override
  public Future<UserSummary> requireVerified(long userId) {
    return find(userId).map(u -> {
      if (!u.hasPhone()) {
        throw AppException.of(ErrorCode.PHONE_REQUIRED, "Add a phone number to this account first.");
      }
      if (!u.identityVerified()) {
        throw AppException.of(ErrorCode.PERMISSION_DENIED, "This needs a verified identity (real-name verification).");
      }
      return u;
    });
  }

  @Override
  public Future<Role> currentRole(long userId) {
    return find(userId).map(u -> u.active() ? u.role() : Role.USER);
  }

  static UserSummary toSummary(Row r) {
    return new UserSummary(r.getLong("id"), r.getString("nickname"), r.getString("avatar_url"),
      Role.fromWire(r.getString("role")), r.getString("status"), r.getBoolean("identity_verified"),
      r.getLocalDate("birth_date"), r.getBoolean("has_phone"));
  }
}
