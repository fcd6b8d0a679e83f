package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.CallerContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's SQL: accounts (created on first use, ids cached since they never change), and
 * postings written inside the caller's transaction. Debits of non-negative accounts are
 * {@code UPDATE ... WHERE balance + amount >= 0 RETURNING}: never read-check-write.
 */
public final class LedgerRepository {
  static final String ENSURE_ACCOUNT = """
    WITH ins AS (
      INSERT INTO ledger_accounts (kind, owner_id, currency, deferred, may_go_negative)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (kind, COALESCE(owner_id, 0)) DO NOTHING RETURNING id)
    SELECT id FROM ins
    UNION ALL
    SELECT id FROM ledger_accounts WHERE kind = $1 AND COALESCE(owner_id, 0) = COALESCE($2::bigint, 0)""";
  static final String DEBIT = """
    UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1 AND balance + $2 >= 0 RETURNING balance""";
  static final String CREDIT = "UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1 RETURNING balance";
  static final String INSERT_TX = """
    INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ($1, $2) RETURNING id, created_at""";
  static final String INSERT_ENTRIES = """
    INSERT INTO ledger_entries (tx_id, account_id, currency, amount)
    SELECT $1, a, c, m FROM unnest($2::bigint[], $3::text[], $4::bigint[]) AS x(a, c, m)""";
  static final String INSERT_UNFOLDED = "INSERT INTO ledger_unfolded (tx_id) VALUES ($1)";
  static final String ACCOUNT_BALANCE = "SELECT balance FROM ledger_accounts WHERE id = $1";

  /** The folder's cluster-wide advisory lock: one folder at a time (see {@link BalanceFolder}). */
  static final long FOLD_LOCK_KEY = 0x4c65646765724cL;
  static final String TRY_FOLD_LOCK = "SELECT pg_try_advisory_xact_lock($1)";
  static final String FOLD_LOCK = "SELECT pg_advisory_xact_lock($1)";
  static final String FOLD = """
    WITH batch AS (
      DELETE FROM ledger_unfolded WHERE tx_id IN (
        SELECT tx_id FROM ledger_unfolded ORDER BY tx_id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING tx_id),
    sums AS (
      SELECT e.account_id, sum(e.amount) AS delta
      FROM ledger_entries e JOIN batch b ON b.tx_id = e.tx_id
      JOIN ledger_accounts a ON a.id = e.account_id AND a.deferred
      GROUP BY e.account_id),
    upd AS (
      UPDATE ledger_accounts a SET balance = a.balance + s.delta FROM sums s WHERE a.id = s.account_id
      RETURNING a.id)
    SELECT (SELECT count(*) FROM batch) AS txs, (SELECT count(*) FROM upd) AS accounts""";

  private final SqlClient pool;
  private final Map<String, Future<Long>> accountIds = new ConcurrentHashMap<>();

  public LedgerRepository(SqlClient pool) {
    this.pool = pool;
  }

  /**
   * The id of the account of this kind (and owner, for user accounts), created if missing. The
   * cached future is shared by every event loop, and a pending one completes on the loop that
   * loaded it: each caller gets it back on its own context ({@link CallerContext}).
   */
  public Future<Long> account(AccountKind kind, Long ownerId) {
    if (kind.owned() != (ownerId != null)) {
      throw new IllegalArgumentException(kind + (kind.owned() ? " needs" : " takes no") + " owner");
    }
    String key = kind.wire() + ":" + ownerId;
    Future<Long> cached = accountIds.get(key);
    if (cached != null && !cached.failed()) {
      return CallerContext.home(cached);
    }
    Future<Long> loaded = ensure(kind, ownerId, 2);
    accountIds.put(key, loaded);
    return loaded;
  }

  private Future<Long> ensure(AccountKind kind, Long ownerId, int triesLeft) {
    Tuple args = Tuple.of(kind.wire(), ownerId, kind.currency().wire(), kind.deferred(), kind.mayGoNegative());
    return pool.preparedQuery(ENSURE_ACCOUNT).execute(args).compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(rows.iterator().next().getLong(0));
      }
      // A concurrent insert won the race after our statement's snapshot: read again.
      return triesLeft > 1 ? ensure(kind, ownerId, triesLeft - 1)
        : Future.failedFuture(new IllegalStateException("account " + kind.wire() + " could not be created"));
    });
  }

  /** Forgets cached account ids (tests that truncate the tables under a running node). */
  public void forgetAccounts() {
    accountIds.clear();
  }

  public Future<Long> balance(long accountId) {
    return pool.preparedQuery(ACCOUNT_BALANCE).execute(Tuple.of(accountId))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /**
   * Writes a posting inside the caller's transaction {@code conn}: the transaction row (a duplicate
   * idempotency key fails with 23505 before any balance moves), the inline balance updates in
   * account order, the entries, and the unfolded marker when deferred accounts are credited.
   * Fails with {@code insufficient_balance} when a debit would take an account below zero.
   */
  public Future<Posted> post(SqlClient conn, Posting posting) {
    return conn.preparedQuery(INSERT_TX).execute(Tuple.of(posting.kind(), posting.idempotencyKey()))
      .compose(rows -> {
        Row tx = rows.iterator().next();
        long txId = tx.getLong("id");
        OffsetDateTime at = tx.getOffsetDateTime("created_at");
        return applyInline(conn, posting.inlineLegsInLockOrder(), 0)
          .compose(v -> insertEntries(conn, txId, posting.legs()))
          .compose(v -> posting.needsFolding()
            ? conn.preparedQuery(INSERT_UNFOLDED).execute(Tuple.of(txId)).<Void>mapEmpty()
            : Future.<Void>succeededFuture())
          .map(v -> new Posted(txId, at));
      });
  }

  private Future<Void> applyInline(SqlClient conn, List<Posting.Leg> legs, int i) {
    if (i == legs.size()) {
      return Future.succeededFuture();
    }
    Posting.Leg leg = legs.get(i);
    String sql = leg.conditionalDebit() ? DEBIT : CREDIT;
    return conn.preparedQuery(sql).execute(Tuple.of(leg.accountId(), leg.amount())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(AppException.of(ErrorCode.INSUFFICIENT_BALANCE,
          "The " + leg.account().currency().wire() + " balance is too low for this."));
      }
      return applyInline(conn, legs, i + 1);
    });
  }

  static Future<Void> insertEntries(SqlClient conn, long txId, List<Posting.Leg> legs) {
    Long[] accounts = new Long[legs.size()];
    String[] currencies = new String[legs.size()];
    Long[] amounts = new Long[legs.size()];
    for (int i = 0; i < legs.size(); i++) {
      Posting.Leg l = legs.get(i);
      accounts[i] = l.accountId();
      currencies[i] = l.account().currency().wire();
      amounts[i] = l.amount();
    }
    return conn.preparedQuery(INSERT_ENTRIES).execute(Tuple.of(txId, accounts, currencies, amounts)).mapEmpty();
  }

  /**
   * Takes the folder's lock for the rest of the transaction {@code tx}: waits for it with
   * {@code wait}, else answers false at once when another node's folder holds it.
   */
  public Future<Boolean> lockFolding(SqlClient tx, boolean wait) {
    return tx.preparedQuery(wait ? FOLD_LOCK : TRY_FOLD_LOCK).execute(Tuple.of(FOLD_LOCK_KEY))
      // pg_advisory_xact_lock returns void (null): only the try variant can say false.
      .map(rows -> !Boolean.FALSE.equals(rows.iterator().next().getValue(0)));
  }

  /**
   * Inside {@code tx}, holding the folder's lock: deletes up to {@code batchSize} unfolded markers
   * and adds their deferred entries to the balances. Returns the number of transactions folded.
   */
  public Future<Long> fold(SqlClient tx, int batchSize) {
    return tx.preparedQuery(FOLD).execute(Tuple.of(batchSize)).map(rows -> rows.iterator().next().getLong("txs"));
  }

  static long first(RowSet<Row> rows, String column) {
    return rows.iterator().next().getLong(column);
  }

  /** A committed (or about to commit) ledger transaction. */
  public record Posted(long txId, OffsetDateTime at) {
  }
}
