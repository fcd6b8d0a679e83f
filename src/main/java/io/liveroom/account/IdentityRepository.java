package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.Optional;

/** SQL for real-name verification results (encrypted); guardian consents are {@link GuardianConsentRepository}'s. */
public final class IdentityRepository {
  static final String INSERT = """
    INSERT INTO user_identities (user_id, key_id, name_enc, number_enc, number_idx, name_masked, number_masked, provider)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  static final String MARK_VERIFIED = """
    UPDATE users SET identity_verified = true, birth_date = $2, updated_at = now(),
                     status = CASE WHEN $3 AND status = 'active' THEN 'pending_guardian' ELSE status END
    WHERE id = $1 RETURNING status""";
  static final String MASKED = """
    SELECT name_masked, number_masked, provider, verified_at FROM user_identities WHERE user_id = $1""";
  static final String IS_VERIFIED = "SELECT identity_verified FROM users WHERE id = $1";
  static final String DELETE_IDENTITY = "DELETE FROM user_identities WHERE user_id = $1";

  /** An identity ready to store: both values sealed with the same key for this user. */
  public record Sealed(long userId, FieldCrypto.Sealed name, FieldCrypto.Sealed number, byte[] numberIdx,
                       String nameMasked, String numberMasked, String provider) {
  }

  private final Pool pool;

  public IdentityRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Boolean> isVerified(long userId) {
    return pool.preparedQuery(IS_VERIFIED).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean("identity_verified"));
  }

  /** Fails with 23505 when the ID number already verified another account. Returns the new status. */
  public Future<String> store(SqlClient tx, Sealed s, LocalDate birthDate, boolean needsGuardian) {
    return tx.preparedQuery(INSERT).execute(Tuple.tuple().addLong(s.userId()).addString(s.name().keyId())
        .addBuffer(Buffer.buffer(s.name().bytes())).addBuffer(Buffer.buffer(s.number().bytes()))
        .addBuffer(Buffer.buffer(s.numberIdx())).addString(s.nameMasked()).addString(s.numberMasked())
        .addString(s.provider()))
      .compose(r -> tx.preparedQuery(MARK_VERIFIED).execute(Tuple.of(s.userId(), birthDate, needsGuardian)))
      .map(rows -> rows.iterator().next().getString("status"));
  }

  public Future<Optional<JsonObject>> masked(long userId) {
    return pool.preparedQuery(MASKED).execute(Tuple.of(userId)).map(rows -> UserRepository.first(rows)
      .map(r -> new JsonObject().put("realName", r.getString("name_masked")).put("idNumber", r.getString("number_masked"))
        .put("provider", r.getString("provider"))
        .put("verifiedAt", SessionRepository.iso(r.getOffsetDateTime("verified_at")))));
  }

  /** The masked identity row ({@code name_masked}, {@code number_masked}, {@code provider}, {@code verified_at}). */
  public Future<Optional<Row>> maskedRow(long userId) {
    return pool.preparedQuery(MASKED).execute(Tuple.of(userId)).map(UserRepository::first);
  }

  /** Erasure: the identity record goes, inside {@code tx}. */
  public Future<Void> deleteIdentity(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_IDENTITY).execute(Tuple.of(userId)).mapEmpty();
  }
}
