package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.Optional;

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
  static final String FIND_BY_KEY = """
    SELECT g.tx_id, g.sender_id, g.room_id, g.gift_id, g.gift_count, g.coins, g.beans, g.sender_balance_after,
      g.request_id, g.created_at
    FROM ledger_transactions t JOIN gift_events g ON g.tx_id = t.id WHERE t.idempotency_key = $1""";
  static final String WALLET_STATE = """
    SELECT balance,
      CASE WHEN spent_day = $2 THEN spent_day_coins ELSE 0 END AS day_coins,
      CASE WHEN spent_month = $3 THEN spent_month_coins ELSE 0 END AS month_coins
    FROM ledger_accounts WHERE id = $1""";

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

  record WalletState(long balance, long dayCoins, long monthCoins) {
  }

  /** Everything the send statement needs, resolved beforehand. */
  record GiftPlan(String idempotencyKey, GiftRequest request, long senderId, long hostId, long liveSessionId,
                  long walletId, long coins, long beans, LocalDate today, LocalDate month, long dayCap,
                  long monthCap, Long[] accounts, String[] currencies, Long[] amounts) {
  }
}
