package io.liveroom.reward;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A catalog gift: name, price in coins, the animation tier the app plays, and whether it can be sent. */
public record Gift(long id, String name, long priceCoins, int animationTier, boolean active, int sortOrder) {
  static Gift from(Row r) {
    return new Gift(r.getLong("id"), r.getString("name"), r.getLong("price_coins"), r.getInteger("animation_tier"),
      r.getBoolean("active"), r.getInteger("sort_order"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("priceCoins", priceCoins)
      .put("animationTier", animationTier).put("active", active).put("sortOrder", sortOrder);
  }
}
