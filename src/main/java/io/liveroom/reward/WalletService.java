package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.config.RewardsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * A user's own view of their money: coin balance with today's and this month's gift spending
 * against the caps, bean earnings (available, plus {@code pending}: credited by gifts, not yet
 * folded into the balance, withdrawable within moments), and the statement of entries, newest
 * first, paged by entry id (keyset: stable while new entries arrive).
 */
public final class WalletService {
  private final WalletRepository wallets;
  private final RewardsConfig config;
  private final Clock clock;

  WalletService(WalletRepository wallets, RewardsConfig config, Clock clock) {
    this.wallets = wallets;
    this.config = config;
    this.clock = clock;
  }

  public Future<JsonObject> wallet(Principal p) {
    LocalDate today = LocalDate.now(clock);
    return wallets.accounts(p.userId(), today, today.withDayOfMonth(1)).map(rows -> {
      JsonObject coins = new JsonObject().put("balance", 0L).put("spentToday", 0L).put("spentThisMonth", 0L);
      JsonObject beans = new JsonObject().put("balance", 0L).put("pending", 0L);
      for (Row r : rows) {
        if ("user_coins".equals(r.getString("kind"))) {
          coins.put("balance", r.getLong("balance")).put("spentToday", r.getLong("day_coins"))
            .put("spentThisMonth", r.getLong("month_coins"));
        } else {
          beans.put("balance", r.getLong("balance")).put("pending", r.getLong("pending"));
        }
      }
      coins.put("caps", new JsonObject().put("perTransaction", config.capPerTransactionCoins())
        .put("perDay", config.capPerDayCoins()).put("perMonth", config.capPerMonthCoins()));
      return new JsonObject().put("coins", coins).put("beans", beans);
    });
  }

  /** One page of the statement; {@code before} is the previous page's {@code nextCursor}. */
  public Future<JsonObject> transactions(Principal p, String before, String limitParam) {
    long cursor = parse(before, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    int limit = (int) parse(limitParam, "limit", 20, 1, 100);
    return wallets.statement(p.userId(), cursor, limit).map(rows -> {
      JsonArray items = new JsonArray();
      long last = 0;
      for (Row r : rows) {
        last = r.getLong("id");
        items.add(new JsonObject().put("entryId", last).put("transactionId", r.getLong("tx_id"))
          .put("kind", r.getString("kind")).put("currency", r.getString("currency"))
          .put("amount", r.getLong("amount")).put("at", r.getOffsetDateTime("created_at").toInstant().toString()));
      }
      return new JsonObject().put("items", items)
        .put("nextCursor", rows.size() == limit ? Long.toString(last) : null);
    });
  }

  static long parse(String raw, String name, long dflt, long min, long max) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the field error
    }
    throw AppException.validation(List.of(new FieldError(name, "invalid", name + " must be a whole number from "
      + min + " to " + max + ".")));
  }
}
