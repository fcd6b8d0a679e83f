package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gift catalog, cached per node for {@link #CACHE_MILLIS} (a gift is looked up on every send):
 * a change made on another node is visible here within that time; one made here, at once.
 * Admin changes are audit-logged in the same transaction.
 */
public final class GiftCatalog {
  static final long CACHE_MILLIS = 2_000;
  private final Pool pool;
  private final GiftCatalogRepository gifts;
  /** A value, not a future: a miss queries from the caller, so nothing crosses event loops. */
  private volatile Snapshot snapshot;

  public GiftCatalog(Pool pool) {
    this.pool = pool;
    this.gifts = new GiftCatalogRepository(pool);
  }

  /** The whole catalog, with an ETag over the active gifts' public form. */
  public Future<Snapshot> snapshot() {
    Snapshot s = snapshot;
    if (s != null && System.currentTimeMillis() - s.loadedAt() < CACHE_MILLIS) {
      return Future.succeededFuture(s);
    }
    return gifts.all().map(all -> {
      Snapshot fresh = Snapshot.of(all);
      snapshot = fresh;
      return fresh;
    });
  }

  /** An active gift by id, or {@code gift_not_available}. */
  public Future<Gift> sendable(long giftId) {
    return snapshot().map(s -> {
      Gift g = s.byId().get(giftId);
      if (g == null || !g.active()) {
        throw AppException.of(ErrorCode.GIFT_NOT_AVAILABLE, "This gift cannot be sent.");
      }
      return g;
    });
  }

  public Future<Gift> create(Principal admin, JsonObject body) {
    Gift in = parse(0, body);
    return pool.withTransaction(conn -> gifts.insert(conn, in)
      .compose(g -> RewardAuditRepository.write(conn, admin.userId(), null, "rewards.gift.create", "gift",
        Long.toString(g.id()), g.toJson()).map(g)))
      .onSuccess(g -> snapshot = null);
  }

  public Future<Gift> update(Principal admin, long id, JsonObject body) {
    Gift in = parse(id, body);
    return pool.withTransaction(conn -> gifts.update(conn, id, in)
      .compose(found -> found.isEmpty()
        ? Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such gift."))
        : Future.succeededFuture(found.get()))
      .compose(g -> RewardAuditRepository.write(conn, admin.userId(), null, "rewards.gift.update", "gift",
        Long.toString(g.id()), g.toJson()).map(g)))
      .onSuccess(g -> snapshot = null);
  }

  static Gift parse(long id, JsonObject b) {
    FieldErrors errors = new FieldErrors();
    Object name = b.getValue("name");
    if (!(name instanceof String n) || n.isBlank() || n.length() > 64) {
      errors.add("name", "invalid", "name must be 1-64 characters.");
    }
    Object price = b.getValue("priceCoins");
    if (!(price instanceof Integer || price instanceof Long) || ((Number) price).longValue() < 1) {
      errors.add("priceCoins", "invalid", "priceCoins must be a positive whole number.");
    }
    Object tier = b.getValue("animationTier", 0);
    if (!(tier instanceof Integer t) || t < 0 || t > 9) {
      errors.add("animationTier", "out_of_range", "animationTier must be 0-9.");
    }
    Object active = b.getValue("active", true);
    if (!(active instanceof Boolean)) {
      errors.add("active", "invalid", "active must be true or false.");
    }
    Object sort = b.getValue("sortOrder", 0);
    if (!(sort instanceof Integer)) {
      errors.add("sortOrder", "invalid", "sortOrder must be a whole number.");
    }
    errors.throwIfAny();
    return new Gift(id, ((String) name).trim(), ((Number) price).longValue(), (Integer) tier, (Boolean) active,
      (Integer) sort);
  }

  /** The catalog as loaded, with the public list of active gifts and its ETag. */
  public record Snapshot(List<Gift> gifts, Map<Long, Gift> byId, JsonObject publicJson, String etag, long loadedAt) {
    static Snapshot of(List<Gift> gifts) {
      JsonArray items = new JsonArray();
      gifts.stream().filter(Gift::active).forEach(g -> items.add(g.toJson().copy()));
      JsonObject body = new JsonObject().put("items", items);
      return new Snapshot(List.copyOf(gifts), gifts.stream().collect(Collectors.toMap(Gift::id, g -> g)), body,
        etag(body.encode()), System.currentTimeMillis());
    }

    private static String etag(String body) {
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
