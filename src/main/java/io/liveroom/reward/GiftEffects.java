package io.liveroom.reward;

import io.liveroom.infra.RedisScript;

import io.liveroom.account.UserSummary;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;

/**
 * What happens after a gift commits, and only then: combo counter and leaderboards in Redis (one
 * script, atomic), then the {@code gift} publication to {@code room:<id>} with the sender's public
 * profile and the combo count, then the listeners. None of this can undo the gift: a Redis or
 * publish failure is logged, and the leaderboards can be rebuilt from the ledger.
 */
final class GiftEffects {
  private static final Logger LOG = LoggerFactory.getLogger(GiftEffects.class);
  static final RedisScript SCRIPT = RedisScript.load("lua/reward/gift_effects.lua");

  private final RedisAPI redis;
  private final Realtime realtime;
  private final int comboWindowSeconds;
  private final List<GiftListener> listeners;
  private final Runnable boardsMissed;

  /** @param boardsMissed called when a committed gift's board update failed (the boards get rebuilt) */
  GiftEffects(RedisAPI redis, Realtime realtime, int comboWindowSeconds, List<GiftListener> listeners,
              Runnable boardsMissed) {
    this.redis = redis;
    this.realtime = realtime;
    this.comboWindowSeconds = comboWindowSeconds;
    this.listeners = listeners;
    this.boardsMissed = boardsMissed;
  }

  Future<Void> apply(GiftReceipt r, Gift gift, UserSummary sender, long hostId, long liveSessionId) {
    return bump(r, hostId, liveSessionId)
      .recover(e -> {
        LOG.warn("Gift tx {} committed but its combo/leaderboards were not updated in Redis: {}", r.transactionId(),
          e.toString());
        boardsMissed.run();
        return Future.succeededFuture(1L);
      })
      .compose(combo -> realtime.publish("room:" + r.roomId(), publication(r, gift, sender, combo))
        .onFailure(e -> LOG.warn("Gift tx {} committed but its publication to room:{} failed: {}", r.transactionId(),
          r.roomId(), e.toString()))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture()))
      .onComplete(done -> notifyListeners(r, hostId, liveSessionId));
  }

  private Future<Long> bump(GiftReceipt r, long hostId, long liveSessionId) {
    LocalDate day = LeaderboardKeys.utcDay(r.at());
    List<String> keys = List.of(
      LeaderboardKeys.combo(r.roomId(), r.senderId(), r.giftId()),
      LeaderboardKeys.room(r.roomId()),
      LeaderboardKeys.session(liveSessionId),
      LeaderboardKeys.gifters(LeaderboardKeys.Period.ALL, day),
      LeaderboardKeys.gifters(LeaderboardKeys.Period.DAY, day),
      LeaderboardKeys.gifters(LeaderboardKeys.Period.WEEK, day),
      LeaderboardKeys.hosts(LeaderboardKeys.Period.ALL, day),
      LeaderboardKeys.hosts(LeaderboardKeys.Period.DAY, day),
      LeaderboardKeys.hosts(LeaderboardKeys.Period.WEEK, day));
    List<String> args = List.of(Integer.toString(comboWindowSeconds), Long.toString(r.senderId()),
      Long.toString(hostId), Long.toString(r.coins()), Long.toString(LeaderboardKeys.DAY_TTL_SECONDS),
      Long.toString(LeaderboardKeys.WEEK_TTL_SECONDS));
    return SCRIPT.run(redis, keys, args).map(res -> res.toLong());
  }

  static JsonObject publication(GiftReceipt r, Gift gift, UserSummary sender, long combo) {
    return new JsonObject()
      .put("type", "gift")
      .put("priority", "high")
      .put("transactionId", r.transactionId())
      .put("sender", new JsonObject().put("id", sender.id()).put("nickname", sender.nickname())
        .put("avatarUrl", sender.avatarUrl()))
      .put("gift", new JsonObject().put("id", gift.id()).put("name", gift.name())
        .put("priceCoins", gift.priceCoins()).put("animationTier", gift.animationTier()))
      .put("count", r.count())
      .put("combo", combo)
      .put("coins", r.coins())
      .put("at", r.at().toInstant().toString());
  }

  private void notifyListeners(GiftReceipt r, long hostId, long liveSessionId) {
    for (GiftListener l : listeners) {
      try {
        l.giftCommitted(r, hostId, liveSessionId);
      } catch (RuntimeException e) {
        LOG.warn("Gift listener {} failed for tx {}: {}", l.getClass().getSimpleName(), r.transactionId(), e.toString());
      }
    }
  }
}
