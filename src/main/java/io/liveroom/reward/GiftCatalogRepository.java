package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the gift catalog: the whole list, and the admin's creates and updates. */
final class GiftCatalogRepository {
  static final String ALL = "SELECT id, name, price_coins, animation_tier, active, sort_order FROM gift_catalog ORDER BY sort_order, id";
  static final String INSERT = """
    INSERT INTO gift_catalog (name, price_coins, animation_tier, active, sort_order) VALUES ($1, $2, $3, $4, $5)
    RETURNING id, name, price_coins, animation_tier, active, sort_order""";
  static final String UPDATE = """
    UPDATE gift_catalog SET name = $2, price_coins = $3, animation_tier = $4, active = $5, sort_order = $6,
      updated_at = now() WHERE id = $1
    RETURNING id, name, price_coins, animation_tier, active, sort_order""";

  private final Pool pool;

  GiftCatalogRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every gift, active or not, in display order. */
  Future<List<Gift>> all() {
    return pool.query(ALL).execute().map(rows -> {
      List<Gift> gifts = new ArrayList<>();
      rows.forEach(r -> gifts.add(Gift.from(r)));
      return gifts;
    });
  }

  /** Inside the admin's transaction; {@code in}'s id is ignored. */
  Future<Gift> insert(SqlClient tx, Gift in) {
    return tx.preparedQuery(INSERT)
      .execute(Tuple.of(in.name(), in.priceCoins(), in.animationTier(), in.active(), in.sortOrder()))
      .map(rows -> Gift.from(rows.iterator().next()));
  }

  /** Inside the admin's transaction; empty when there is no gift {@code id}. */
  Future<Optional<Gift>> update(SqlClient tx, long id, Gift in) {
    return tx.preparedQuery(UPDATE)
      .execute(Tuple.of(id, in.name(), in.priceCoins(), in.animationTier(), in.active(), in.sortOrder()))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Gift.from(rows.iterator().next())));
  }
}
