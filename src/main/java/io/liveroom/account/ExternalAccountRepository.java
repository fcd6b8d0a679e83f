package io.liveroom.account;

import io.liveroom.auth.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/**
 * SQL on {@code users} for accounts that sign in through an external provider (OpenID Connect):
 * created without phone or password, found by id rather than by phone.
 */
public final class ExternalAccountRepository {
  static final String INSERT = """
    INSERT INTO users (id, nickname, email, status, role, policy_version, policy_accepted_at)
    VALUES ($1, $2, $3, 'active', 'user', $4, now())""";
  static final String CREDENTIALS_BY_ID = "SELECT id, password_hash, status, role FROM users WHERE id = $1";
  static final String HAS_PHONE = "SELECT phone_idx IS NOT NULL AS has_phone FROM users WHERE id = $1";

  private final Pool pool;

  public ExternalAccountRepository(Pool pool) {
    this.pool = pool;
  }

  /** An active user account with no phone and no password; the caller allocated {@code id}. */
  public Future<Void> insert(SqlClient tx, long id, String nickname, String email, String policyVersion) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(id, nickname, email, policyVersion)).mapEmpty();
  }

  public Future<Optional<UserRepository.Credentials>> credentials(long id) {
    return pool.preparedQuery(CREDENTIALS_BY_ID).execute(Tuple.of(id))
      .map(rows -> UserRepository.first(rows).map(r -> new UserRepository.Credentials(r.getLong("id"),
        r.getString("password_hash"), r.getString("status"), Role.fromWire(r.getString("role")))));
  }

  /** Whether the account has a phone (empty for an unknown id). */
  public Future<Optional<Boolean>> hasPhone(long id) {
    return pool.preparedQuery(HAS_PHONE).execute(Tuple.of(id))
      .map(rows -> UserRepository.first(rows).map(r -> r.getBoolean("has_phone")));
  }
}
