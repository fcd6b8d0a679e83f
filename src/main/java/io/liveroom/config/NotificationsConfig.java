package io.liveroom.config;

/**
 * The notification inbox: items older than {@code retentionDays} are purged by the privacy
 * scheduler (0 keeps them until the account is erased); an inbox page holds at most
 * {@code pageMax} items.
 */
public record NotificationsConfig(int retentionDays, int pageMax) {
  static NotificationsConfig from(ConfigReader r) {
    return new NotificationsConfig(
      r.intIn("notifications.retentionDays", 0, 3_650),
      r.intIn("notifications.pageMax", 1, 200));
  }
}
