package io.liveroom.config;

/**
 * Rewards: the host's share of each gift, the spending caps (coins per transaction, per UTC day
 * and per UTC month), the combo window, the withdrawal minimum, the payment webhook's HMAC secret
 * (empty = webhook refused with 503) and timestamp tolerance, how often and how much the balance
 * folder folds (and how far apart its folds drift while they find nothing), how often a serialization failure or deadlock is retried, and how many gifts one
 * node runs at once (more wait in order), and how gift statements are micro-batched (gifts per
 * statement, statements in flight).
 */
public record RewardsConfig(int hostSharePercent, long capPerTransactionCoins, long capPerDayCoins,
                            long capPerMonthCoins, int comboWindowSeconds, long withdrawalMinBeans,
                            String webhookSecret, int webhookToleranceSeconds, int foldIntervalMs,
                            int foldIdleIntervalMs, int foldBatchSize, int retryAttempts, int maxConcurrentGifts, int giftBatchSize,
                            int giftBatchesInFlight) {
  static RewardsConfig from(ConfigReader r) {
    String secret = r.string("rewards.webhook.secret");
    if (!secret.isEmpty() && secret.length() < 16) {
      throw r.fail("rewards.webhook.secret", "must be at least 16 characters (or empty to disable the webhook)");
    }
    long perTx = r.longIn("rewards.caps.perTransactionCoins", 1, Long.MAX_VALUE / 4);
    long perDay = r.longIn("rewards.caps.perDayCoins", 1, Long.MAX_VALUE / 4);
    long perMonth = r.longIn("rewards.caps.perMonthCoins", 1, Long.MAX_VALUE / 4);
    return new RewardsConfig(r.intIn("rewards.hostSharePercent", 0, 100), perTx, perDay, perMonth,
      r.intIn("rewards.comboWindowSeconds", 1, 3_600), r.longIn("rewards.withdrawal.minBeans", 1, Long.MAX_VALUE / 4),
      secret, r.intIn("rewards.webhook.toleranceSeconds", 10, 86_400), r.intIn("rewards.fold.intervalMs", 5, 60_000),
      r.intIn("rewards.fold.idleIntervalMs", 5, 600_000),
      r.intIn("rewards.fold.batchSize", 1, 1_000_000), r.intIn("rewards.retryAttempts", 1, 20),
      r.intIn("rewards.maxConcurrentGifts", 1, 10_000), r.intIn("rewards.batch.maxGifts", 1, 1_000),
      r.intIn("rewards.batch.inFlight", 1, 256));
  }

  /** The host's beans for a gift worth {@code coins}: the configured share, rounded down. */
  public long hostBeans(long coins) {
    // floor(coins * share / 100) without overflowing for coins near the largest allowed cap.
    return coins / 100 * hostSharePercent + coins % 100 * hostSharePercent / 100;
  }

  public RewardsConfig withWebhookSecret(String secret) {
    return new RewardsConfig(hostSharePercent, capPerTransactionCoins, capPerDayCoins, capPerMonthCoins,
      comboWindowSeconds, withdrawalMinBeans, secret, webhookToleranceSeconds, foldIntervalMs, foldIdleIntervalMs, foldBatchSize,
      retryAttempts, maxConcurrentGifts, giftBatchSize, giftBatchesInFlight);
  }
}
