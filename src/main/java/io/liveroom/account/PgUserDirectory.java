package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** {@link UserDirectory} straight from the {@code users} table. */
public final class PgUserDirectory implements UserDirectory {
  static final String FIND = """
    SELECT id, nickname, avatar_url, role, status, identity_verified, birth_date
    FROM users WHERE id = $1""";

  private final Pool pool;

  public PgUserDirectory(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<UserSummary> find(long userId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        throw AppException.of(ErrorCode.NOT_FOUND, "No such user.");
      }
      return toSummary(rows.iterator().next());
    });
  }

  @Override
  public Future<UserSummary> requireVerified(long userId) {
    return find(userId).map(u -> {
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
      r.getLocalDate("birth_date"));
  }
}
