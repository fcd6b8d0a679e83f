package io.liveroom.account;

import io.liveroom.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * SQL on the {@code users} table for accounts: credentials, encrypted phone, profile, status, role,
 * and the accepted privacy-policy version ({@link PolicyAcceptance}, for privacy).
 */
public final class UserRepository implements PolicyAcceptance {
  static final String NEXT_ID = "SELECT nextval('users_id_seq') AS id";
  static final String INSERT = """
    INSERT INTO users (id, nickname, phone_enc, phone_key_id, phone_idx, password_hash, email, birth_date,
                       status, role, policy_version, policy_accepted_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())""";
  static final String CREDENTIALS_BY_PHONE = """
    SELECT id, password_hash, status, role FROM users WHERE phone_idx = $1""";
  static final String ACCOUNT_BY_ID = """
    SELECT id, nickname, avatar_url, gender, bio, email, email_verified_at, role, status, identity_verified, birth_date,
           phone_enc, phone_key_id, policy_version, created_at, phone_idx IS NOT NULL AS has_phone
    FROM users WHERE id = $1""";
  static final String SET_PASSWORD = "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1";
  static final String SET_PHONE = """
    UPDATE users SET phone_enc = $2, phone_key_id = $3, phone_idx = $4, updated_at = now() WHERE id = $1""";
  static final String UPDATE_PROFILE = """
    UPDATE users SET nickname = COALESCE($2, nickname),
                     avatar_url = CASE WHEN $3 THEN $4 ELSE avatar_url END,
                     gender = COALESCE($5, gender),
                     bio = CASE WHEN $6 THEN $7 ELSE bio END,
                     email = CASE WHEN $8 THEN $9 ELSE email END,
                     updated_at = now()
    WHERE id = $1""";
  static final String SET_STATUS = "UPDATE users SET status = $2, updated_at = now() WHERE id = $1 RETURNING id";
  static final String SET_ROLE = "UPDATE users SET role = $2, updated_at = now() WHERE id = $1 RETURNING id";
  static final String PROMOTE_ADMINS = """
    UPDATE users SET role = 'admin', updated_at = now()
    WHERE phone_idx = ANY($1) AND role <> 'admin' RETURNING id""";

  static final String SUMMARY = """
    SELECT id, nickname, avatar_url, role, status, identity_verified, birth_date, phone_idx IS NOT NULL AS has_phone
    FROM users WHERE id = $1""";
  static final String REAUTH_CREDENTIALS = "SELECT password_hash, phone_enc, phone_key_id FROM users WHERE id = $1";
  static final String EXPORT_PROFILE = """
    SELECT nickname, avatar_url, gender, bio, birth_date, role, status, identity_verified, policy_version,
           policy_accepted_at, created_at, email, email_verified_at, phone_enc, phone_key_id FROM users WHERE id = $1""";
  static final String PHONE = "SELECT phone_enc, phone_key_id FROM users WHERE id = $1";
  static final String ANONYMIZE = """
    UPDATE users SET nickname = 'Cancelled user', avatar_url = NULL, gender = NULL, bio = NULL, birth_date = NULL,
                     email = NULL, email_verified_at = NULL, phone_enc = NULL, phone_key_id = NULL, phone_idx = NULL, password_hash = NULL,
                     identity_verified = false, policy_version = NULL, policy_accepted_at = NULL,
                     status = 'cancelled', updated_at = now()
    WHERE id = $1""";
  static final String LOCK_STATUS = "SELECT status FROM users WHERE id = $1 FOR UPDATE";
  static final String FREEZE = "UPDATE users SET status = 'frozen', updated_at = now() WHERE id = $1";
  static final String RESTORE_FROZEN = """
    UPDATE users SET status = $2, updated_at = now() WHERE id = $1 AND status = 'frozen'""";
  static final String ACCEPTED_POLICY = "SELECT policy_version FROM users WHERE id = $1";
  static final String ACCEPT_POLICY = "UPDATE users SET policy_version = $2, policy_accepted_at = $3, updated_at = now() WHERE id = $1";

  /** What login needs about a phone's account. */
  public record Credentials(long id, String passwordHash, String status, Role role) {
  }

  /** A new user's row; the phone already encrypted for {@code id}. */
  public record NewUser(long id, String nickname, FieldCrypto.Sealed phone, byte[] phoneIdx, String passwordHash,
                        String email, LocalDate birthDate, String status, Role role, String policyVersion) {
  }

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Long> nextId() {
    return pool.query(NEXT_ID).execute().map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Fails with the driver's 23505 when the phone is already registered. */
  public Future<Void> insert(SqlClient tx, NewUser u) {
    return tx.preparedQuery(INSERT).execute(Tuple.tuple().addLong(u.id()).addString(u.nickname())
      .addBuffer(Buffer.buffer(u.phone().bytes())).addString(u.phone().keyId()).addBuffer(Buffer.buffer(u.phoneIdx()))
      .addString(u.passwordHash()).addString(u.email()).addLocalDate(u.birthDate()).addString(u.status())
      .addString(u.role().wire()).addString(u.policyVersion())).mapEmpty();
  }

  public Future<Optional<Credentials>> credentialsByPhone(byte[] phoneIdx) {
    return pool.preparedQuery(CREDENTIALS_BY_PHONE).execute(Tuple.of(Buffer.buffer(phoneIdx)))
      .map(rows -> first(rows).map(r -> new Credentials(r.getLong("id"), r.getString("password_hash"),
        r.getString("status"), Role.fromWire(r.getString("role")))));
  }

  public Future<Optional<Row>> account(long id) {
    return pool.preparedQuery(ACCOUNT_BY_ID).execute(Tuple.of(id)).map(UserRepository::first);
  }

  public Future<Void> setPassword(long id, String phc) {
    return pool.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, phc)).mapEmpty();
  }

  /** Fails with 23505 when another account holds the phone. */
  public Future<Void> setPhone(long id, FieldCrypto.Sealed phone, byte[] idx) {
    return pool.preparedQuery(SET_PHONE).execute(Tuple.of(id, Buffer.buffer(phone.bytes()), phone.keyId(),
      Buffer.buffer(idx))).mapEmpty();
  }

  public Future<Void> updateProfile(long id, ProfilePatch p) {
    return pool.preparedQuery(UPDATE_PROFILE).execute(Tuple.tuple().addLong(id).addString(p.nickname())
      .addBoolean(p.avatarUrlSet()).addString(p.avatarUrl()).addString(p.gender())
      .addBoolean(p.bioSet()).addString(p.bio()).addBoolean(p.emailSet()).addString(p.email())).mapEmpty();
  }

  public Future<Boolean> setStatus(SqlClient client, long id, String status) {
    return client.preparedQuery(SET_STATUS).execute(Tuple.of(id, status)).map(rows -> rows.size() == 1);
  }

  public Future<Boolean> setRole(long id, Role role) {
    return pool.preparedQuery(SET_ROLE).execute(Tuple.of(id, role.wire())).map(rows -> rows.size() == 1);
  }

  public Future<RowSet<Row>> promoteAdmins(Buffer[] phoneIdxs) {
    return pool.preparedQuery(PROMOTE_ADMINS).execute(Tuple.of(phoneIdxs));
  }

  /** The user's public summary; empty for an unknown id. */
  public Future<Optional<UserSummary>> summary(long id) {
    return pool.preparedQuery(SUMMARY).execute(Tuple.of(id)).map(rows -> first(rows).map(PgUserDirectory::toSummary));
  }

  /** Password hash and sealed phone ({@code password_hash}, {@code phone_enc}, {@code phone_key_id}). */
  public Future<Optional<Row>> reauthCredentials(long id) {
    return pool.preparedQuery(REAUTH_CREDENTIALS).execute(Tuple.of(id)).map(UserRepository::first);
  }

  /** The profile and contact columns of the user's data export. */
  public Future<Optional<Row>> exportProfile(long id) {
    return pool.preparedQuery(EXPORT_PROFILE).execute(Tuple.of(id)).map(UserRepository::first);
  }

  /** The sealed phone ({@code phone_enc}, {@code phone_key_id}), read inside the erasure transaction. */
  public Future<Optional<Row>> phone(SqlClient tx, long id) {
    return tx.preparedQuery(PHONE).execute(Tuple.of(id)).map(UserRepository::first);
  }

  /** Erasure: the row stays (ledger retention) with everything personal cleared, status {@code cancelled}. */
  public Future<Void> anonymize(SqlClient tx, long id) {
    return tx.preparedQuery(ANONYMIZE).execute(Tuple.of(id)).mapEmpty();
  }

  /** The account's status, its row locked for the rest of {@code tx}; empty for an unknown id. */
  public Future<Optional<String>> lockStatus(SqlClient tx, long id) {
    return tx.preparedQuery(LOCK_STATUS).execute(Tuple.of(id)).map(rows -> first(rows).map(r -> r.getString("status")));
  }

  public Future<Void> freeze(SqlClient tx, long id) {
    return tx.preparedQuery(FREEZE).execute(Tuple.of(id)).mapEmpty();
  }

  /** Back to {@code status}, only if the account is still frozen. */
  public Future<Void> restoreFrozen(SqlClient tx, long id, String status) {
    return tx.preparedQuery(RESTORE_FROZEN).execute(Tuple.of(id, status)).mapEmpty();
  }

  @Override
  public Future<Optional<String>> acceptedVersion(long id) {
    return pool.preparedQuery(ACCEPTED_POLICY).execute(Tuple.of(id))
      .map(rows -> first(rows).map(r -> r.getString("policy_version")));
  }

  @Override
  public Future<Void> recordAccepted(SqlClient tx, long id, String version, OffsetDateTime at) {
    return tx.preparedQuery(ACCEPT_POLICY).execute(Tuple.of(id, version, at)).mapEmpty();
  }

  static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }
}
