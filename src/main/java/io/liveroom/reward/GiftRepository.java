package io.liveroom.reward;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SQL of sending a gift. {@link #SEND} is one statement, so one round trip and one commit per
 * gift: the conditional debit of the sender's wallet (balance and the day/month caps checked in the
 * same {@code UPDATE ... WHERE}), the transaction row (its unique idempotency key rolls the whole
 * statement back on a replay), the four entries, the unfolded marker for the deferred credits, and
 * the gift event. If the debit matches no row nothing is written and no row comes back.
 */
final class GiftRepository {
  static final String SEND = """
    WITH debit AS (
      UPDATE ledger_accounts SET balance = balance - $3,
        spent_day_coins = CASE WHEN spent_day = $4 THEN spent_day_coins + $3 ELSE $3 END, spent_day = $4,
        spent_month_coins = CASE WHEN spent_month = $5 THEN spent_month_coins + $3 ELSE $3 END, spent_month = $5
      WHERE id = $2 AND balance >= $3
        AND (CASE WHEN spent_day = $4 THEN spent_day_coins ELSE 0 END) + $3 <= $6
        AND (CASE WHEN spent_month = $5 THEN spent_month_coins ELSE 0 END) + $3 <= $7
      RETURNING balance),
    tx AS (
      INSERT INTO ledger_transactions (kind, idempotency_key) SELECT 'gift', $1 FROM debit
      RETURNING id, created_at),
    entries AS (
      INSERT INTO ledger_entries (tx_id, account_id, currency, amount)
      SELECT tx.id, x.a, x.c, x.m FROM tx, unnest($8::bigint[], $9::text[], $10::bigint[]) AS x(a, c, m)),
    marker AS (INSERT INTO ledger_unfolded (tx_id) SELECT id FROM tx),
    event AS (
      INSERT INTO gift_events (tx_id, sender_id, host_id, room_id, live_session_id, gift_id, gift_count, coins,
        beans, request_id, sender_balance_after, created_at)
      SELECT tx.id, $11, $12, $13, $14, $15, $16, $3, $17, $18, debit.balance, tx.created_at FROM tx, debit)
    SELECT tx.id, tx.created_at, debit.balance FROM tx, debit""";
  /** {@link #SEND} for many gifts at once, one row of input per gift; every wallet at most once. */
  static final String SEND_BATCH = """
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
        $7::bigint[], $8::bigint[], $9::int[], $10::bigint[], $11::text[], $12::bigint[], $13::bigint[], $14::bigint[])
        AS i(key, wallet, coins, sender, host, room, session, gift, gift_count, beans, request_id, platform_account,
          host_account, issuance_account)),
    debit AS (
      UPDATE ledger_accounts a SET balance = a.balance - i.coins,
        spent_day_coins = CASE WHEN a.spent_day = $15 THEN a.spent_day_coins + i.coins ELSE i.coins END, spent_day = $15,
        spent_month_coins = CASE WHEN a.spent_month = $16 THEN a.spent_month_coins + i.coins ELSE i.coins END,
        spent_month = $16
      FROM input i
      WHERE a.id = i.wallet AND a.balance >= i.coins
        AND (CASE WHEN a.spent_day = $15 THEN a.spent_day_coins ELSE 0 END) + i.coins <= $17
        AND (CASE WHEN a.spent_month = $16 THEN a.spent_month_coins ELSE 0 END) + i.coins <= $18
      RETURNING i.key, a.balance),
    tx AS (
      INSERT INTO ledger_transactions (kind, idempotency_key) SELECT 'gift', key FROM debit
      RETURNING id, idempotency_key, created_at),
    entries AS (
      INSERT INTO ledger_entries (tx_id, account_id, currency, amount)
      SELECT tx.id, x.a, x.c, x.m FROM tx JOIN input i ON i.key = tx.idempotency_key
      CROSS JOIN LATERAL (VALUES (i.wallet, 'coin', -i.coins), (i.platform_account, 'coin', i.coins),
        (i.host_account, 'bean', i.beans), (i.issuance_account, 'bean', -i.beans)) AS x(a, c, m)
      WHERE x.m <> 0),
    marker AS (INSERT INTO ledger_unfolded (tx_id) SELECT id FROM tx),
    event AS (
      INSERT INTO gift_events (tx_id, sender_id, host_id, room_id, live_session_id, gift_id, gift_count, coins,
        beans, request_id, sender_balance_after, created_at)
      SELECT tx.id, i.sender, i.host, i.room, i.session, i.gift, i.gift_count, i.coins, i.beans, i.request_id,
        d.balance, tx.created_at
      FROM tx JOIN input i ON i.key = tx.idempotency_key JOIN debit d ON d.key = tx.idempotency_key)
    SELECT tx.id, tx.idempotency_key, tx.created_at, d.balance FROM tx JOIN debit d ON d.key = tx.idempotency_key""";
  static final String FIND_BY_KEY = """
    SELECT g.tx_id, g.sender_id, g.room_id, g.gift_id, g.gift_count, g.coins, g.beans, g.sender_balance_after,
      g.request_id, g.created_at
    FROM ledger_transactions t JOIN gift_events g ON g.tx_id = t.id WHERE t.idempotency_key = $1""";
  static final String WALLET_STATE = """
    SELECT balance,
      CASE WHEN spent_day = $2 THEN spent_day_coins ELSE 0 END AS day_coins,
      CASE WHEN spent_month = $3 THEN spent_month_coins ELSE 0 END AS month_coins
    FROM ledger_accounts WHERE id = $1""";

  static final String SENT_BY = """
    SELECT tx_id, host_id, room_id, gift_id, gift_count, coins, created_at
    FROM gift_events WHERE sender_id = $1 ORDER BY tx_id""";
  static final String RECEIVED_BY = """
    SELECT tx_id, sender_id, room_id, gift_id, gift_count, beans, created_at
    FROM gift_events WHERE host_id = $1 ORDER BY tx_id""";

  private final Pool pool;

  GiftRepository(Pool pool) {
    this.pool = pool;
  }

  /** The committed receipt, or empty when the debit did not match (balance or caps). */
  Future<Optional<GiftReceipt>> send(GiftPlan p) {
    Tuple args = Tuple.of(p.idempotencyKey(), p.walletId(), p.coins(), p.today(), p.month(), p.dayCap(),
      p.monthCap(), p.accounts(), p.currencies(), p.amounts(), p.senderId(), p.hostId(), p.request().roomId(),
      p.liveSessionId(), p.request().giftId(), p.request().count(), p.beans(), p.request().requestId());
    return pool.preparedQuery(SEND).execute(args).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      GiftRequest q = p.request();
      return Optional.of(new GiftReceipt(r.getLong("id"), p.senderId(), q.roomId(), q.giftId(), q.count(), p.coins(),
        p.beans(), r.getLong("balance"), q.requestId(), r.getOffsetDateTime("created_at")));
    });
  }

  /** Receipts by idempotency key for the gifts that committed; the others were refused by their wallet. */
  Future<Map<String, GiftReceipt>> sendBatch(List<GiftPlan> plans) {
    int n = plans.size();
    String[] keys = new String[n];
    String[] requestIds = new String[n];
    Long[][] longs = new Long[11][n];
    Integer[] counts = new Integer[n];
    for (int k = 0; k < n; k++) {
      GiftPlan p = plans.get(k);
      keys[k] = p.idempotencyKey();
      requestIds[k] = p.request().requestId();
      counts[k] = p.request().count();
      Long[] accounts = p.accounts();
      Long[] row = {p.walletId(), p.coins(), p.senderId(), p.hostId(), p.request().roomId(), p.liveSessionId(),
        p.request().giftId(), p.beans(), accounts[1], accounts.length > 2 ? accounts[2] : 0L,
        accounts.length > 3 ? accounts[3] : 0L};
      for (int f = 0; f < row.length; f++) {
        longs[f][k] = row[f];
      }
    }
    GiftPlan first = plans.get(0);
    Tuple args = Tuple.of(keys, longs[0], longs[1], longs[2], longs[3], longs[4], longs[5], longs[6], counts, longs[7],
      requestIds, longs[8], longs[9], longs[10], first.today(), first.month(), first.dayCap(), first.monthCap());
    return pool.preparedQuery(SEND_BATCH).execute(args).map(rows -> {
      Map<String, GiftPlan> byKey = new HashMap<>();
      plans.forEach(p -> byKey.put(p.idempotencyKey(), p));
      Map<String, GiftReceipt> out = new HashMap<>();
      for (Row r : rows) {
        GiftPlan p = byKey.get(r.getString("idempotency_key"));
        GiftRequest q = p.request();
        out.put(p.idempotencyKey(), new GiftReceipt(r.getLong("id"), p.senderId(), q.roomId(), q.giftId(), q.count(),
          p.coins(), p.beans(), r.getLong("balance"), q.requestId(), r.getOffsetDateTime("created_at")));
      }
      return out;
    });
  }

  Future<Optional<GiftReceipt>> findByKey(String key) {
    return pool.preparedQuery(FIND_BY_KEY).execute(Tuple.of(key)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new GiftReceipt(r.getLong("tx_id"), r.getLong("sender_id"), r.getLong("room_id"),
        r.getLong("gift_id"), r.getInteger("gift_count"), r.getLong("coins"), r.getLong("beans"),
        r.getLong("sender_balance_after"), r.getString("request_id"), r.getOffsetDateTime("created_at")));
    });
  }

  /** Balance and spending so far, read only to explain a refused debit (never to decide one). */
  Future<WalletState> walletState(long walletId, LocalDate today, LocalDate month) {
    return pool.preparedQuery(WALLET_STATE).execute(Tuple.of(walletId, today, month)).map(rows -> {
      if (rows.size() == 0) {
        return new WalletState(0, 0, 0);
      }
      Row r = rows.iterator().next();
      return new WalletState(r.getLong("balance"), r.getLong("day_coins"), r.getLong("month_coins"));
    });
  }

  /** The gifts {@code userId} sent, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportSent(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, SENT_BY, Tuple.of(userId), mapper);
  }

  /** The gifts {@code userId} received as a host, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportReceived(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, RECEIVED_BY, Tuple.of(userId), mapper);
  }

  record WalletState(long balance, long dayCoins, long monthCoins) {
  }

  /** Everything the send statement needs, resolved beforehand. */
  record GiftPlan(String idempotencyKey, GiftRequest request, long senderId, long hostId, long liveSessionId,
                  long walletId, long coins, long beans, LocalDate today, LocalDate month, long dayCap,
                  long monthCap, Long[] accounts, String[] currencies, Long[] amounts) {
  }
}
