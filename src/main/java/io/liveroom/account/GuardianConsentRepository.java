package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL on {@code guardian_consents}: one record per grant, at most one in force per (user, purpose);
 * a withdrawn record stays as proof. Also moves the account between {@code pending_guardian} and
 * {@code active} in the same transaction as the record that decides it.
 */
public final class GuardianConsentRepository {
  static final String IN_FORCE = """
    SELECT 1 FROM guardian_consents WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL""";
  static final String EVER_RECORDED = "SELECT 1 FROM guardian_consents WHERE user_id = $1 AND purpose = 'account' LIMIT 1";
  static final String INSERT = """
    INSERT INTO guardian_consents (user_id, purpose, relation, evidence_ref, recorded_by) VALUES ($1, $2, $3, $4, $5)""";
  static final String ACTIVATE_PENDING = """
    UPDATE users SET status = 'active', updated_at = now() WHERE id = $1 AND status = 'pending_guardian'""";
  static final String WITHDRAW = """
    UPDATE guardian_consents SET withdrawn_at = now(), withdrawn_by = $3, withdrawal_ref = $4
    WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL RETURNING id""";
  static final String SUSPEND_ACTIVE = """
    UPDATE users SET status = 'pending_guardian', updated_at = now() WHERE id = $1 AND status = 'active' RETURNING id""";
  static final String RECORDS = """
    SELECT purpose, relation, recorded_at, withdrawn_at FROM guardian_consents WHERE user_id = $1 ORDER BY id""";
  static final String DELETE = "DELETE FROM guardian_consents WHERE user_id = $1";

  private final Pool pool;

  public GuardianConsentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Whether a consent for {@code purpose} is in force (recorded and not withdrawn). */
  public Future<Boolean> inForce(long userId, GuardianPurpose purpose) {
    return pool.preparedQuery(IN_FORCE).execute(Tuple.of(userId, purpose.wire())).map(rows -> rows.size() == 1);
  }

  /** Whether a guardian was ever recorded for the account (their identity was checked), withdrawn or not. */
  public Future<Boolean> guardianKnown(long userId) {
    return pool.preparedQuery(EVER_RECORDED).execute(Tuple.of(userId)).map(rows -> rows.size() == 1);
  }

  /**
   * Records a consent; one for the account also activates a pending account, in the same
   * transaction. Fails with 23505 while a consent for the purpose is in force.
   */
  public Future<Void> record(long userId, GuardianPurpose purpose, String relation, String evidenceRef, long recordedBy) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT)
      .execute(Tuple.of(userId, purpose.wire(), relation, evidenceRef, recordedBy))
      .compose(r -> purpose == GuardianPurpose.ACCOUNT
        ? tx.preparedQuery(ACTIVATE_PENDING).execute(Tuple.of(userId)).mapEmpty() : Future.succeededFuture()));
  }

  /** The outcome of a withdrawal: whether a consent was in force, and whether the account left {@code active}. */
  public record Withdrawal(boolean found, boolean suspended) {
  }

  /**
   * Withdraws the consent in force for {@code purpose}; when {@code suspend}, an active account
   * goes back to {@code pending_guardian} in the same transaction.
   */
  public Future<Withdrawal> withdraw(long userId, GuardianPurpose purpose, long by, String evidenceRef, boolean suspend) {
    return pool.withTransaction(tx -> tx.preparedQuery(WITHDRAW).execute(Tuple.of(userId, purpose.wire(), by, evidenceRef))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(new Withdrawal(false, false))
        : !suspend ? Future.succeededFuture(new Withdrawal(true, false))
        : tx.preparedQuery(SUSPEND_ACTIVE).execute(Tuple.of(userId)).map(s -> new Withdrawal(true, s.size() == 1))));
  }

  /** Every record of the user, oldest first ({@code purpose}, {@code relation}, {@code recorded_at}, {@code withdrawn_at}). */
  public Future<List<Row>> records(long userId) {
    return pool.preparedQuery(RECORDS).execute(Tuple.of(userId)).map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    });
  }

  /** Erasure: every record goes, inside {@code tx}. */
  public Future<Void> deleteAll(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(userId)).mapEmpty();
  }
}
