package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/** SQL for coins coming in: the top-up products, and the provider events already credited. */
final class PaymentRepository {
  static final String PRODUCTS = """
    SELECT id, coins, price_minor, currency FROM topup_products WHERE active ORDER BY sort_order, id""";
  static final String PRODUCT = "SELECT coins FROM topup_products WHERE id = $1 AND active";
  static final String INSERT_EVENT = """
    INSERT INTO payment_events (provider_event_id, user_id, product_id, coins, tx_id) VALUES ($1, $2, $3, $4, $5)""";

  private final Pool pool;

  PaymentRepository(Pool pool) {
    this.pool = pool;
  }

  /** The active products, in display order. */
  Future<RowSet<Row>> products() {
    return pool.query(PRODUCTS).execute();
  }

  /** The coins an active product buys; empty for an unknown or inactive product. */
  Future<Optional<Long>> productCoins(String productId) {
    return pool.preparedQuery(PRODUCT).execute(Tuple.of(productId)).map(rows -> rows.size() == 0 ? Optional.empty()
      : Optional.of(rows.iterator().next().getLong("coins")));
  }

  /** Inside the credit's transaction; fails with 23505 when the provider event was credited before. */
  Future<Void> insertEvent(SqlClient tx, String eventId, long userId, String productId, long coins, long txId) {
    return tx.preparedQuery(INSERT_EVENT).execute(Tuple.of(eventId, userId, productId, coins, txId)).mapEmpty();
  }
}
