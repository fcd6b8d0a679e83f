package io.liveroom.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL on {@code oidc_identities}: which provider identity signs in to which account. */
final class OidcRepository {
  static final String USER_OF = "SELECT user_id FROM oidc_identities WHERE provider = $1 AND subject = $2";
  static final String INSERT = """
    INSERT INTO oidc_identities (user_id, provider, subject, email, last_login_at) VALUES ($1, $2, $3, $4, $5)""";
  static final String TOUCH = """
    UPDATE oidc_identities SET last_login_at = now(), email = $3 WHERE provider = $1 AND subject = $2""";
  static final String LIST = """
    SELECT provider, subject, email, linked_at, last_login_at FROM oidc_identities WHERE user_id = $1 ORDER BY provider""";
  static final String LOCK_ALL = "SELECT provider FROM oidc_identities WHERE user_id = $1 ORDER BY provider FOR UPDATE";
  static final String DELETE = "DELETE FROM oidc_identities WHERE user_id = $1 AND provider = $2";
  static final String ERASE = "DELETE FROM oidc_identities WHERE user_id = $1";

  private final Pool pool;

  OidcRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Optional<Long>> userOf(String provider, String subject) {
    return pool.preparedQuery(USER_OF).execute(Tuple.of(provider, subject))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("user_id")));
  }

  /** Fails with 23505 when the identity signs in elsewhere or the account already links that provider. */
  Future<Void> insert(SqlClient client, long userId, VerifiedIdentity id, boolean loggedIn) {
    return client.preparedQuery(INSERT).execute(Tuple.of(userId, id.provider(), id.subject(), id.email(),
      loggedIn ? OffsetDateTime.now() : null)).mapEmpty();
  }

  Future<Void> touch(VerifiedIdentity id) {
    return pool.preparedQuery(TOUCH).execute(Tuple.of(id.provider(), id.subject(), id.email())).mapEmpty();
  }

  Future<List<JsonObject>> list(long userId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  /** The account's linked providers, their rows locked until {@code tx} ends. */
  Future<List<String>> lockAll(SqlClient tx, long userId) {
    return tx.preparedQuery(LOCK_ALL).execute(Tuple.of(userId)).map(rows -> {
      List<String> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getString("provider")));
      return out;
    });
  }

  Future<Void> delete(SqlClient tx, long userId, String provider) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(userId, provider)).mapEmpty();
  }

  Future<Void> erase(SqlClient tx, long userId) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(userId)).mapEmpty();
  }

  static JsonObject json(Row r) {
    OffsetDateTime last = r.getOffsetDateTime("last_login_at");
    return new JsonObject().put("provider", r.getString("provider")).put("subject", r.getString("subject"))
      .put("email", r.getString("email")).put("linkedAt", r.getOffsetDateTime("linked_at").toInstant().toString())
      .put("lastLoginAt", last == null ? null : last.toInstant().toString());
  }
}
