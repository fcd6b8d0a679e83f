package io.liveroom.config;

/**
 * Follows, blocks and search. A user may start at most {@code followsPerDay} new follows per UTC
 * day and follow at most {@code maxFollowees} accounts. Search pages hold at most
 * {@code searchMaxResults}; the search history keeps each user's newest {@code historySize}
 * queries, each for at most {@code historyRetentionDays} days.
 */
public record SocialConfig(int followsPerDay, int maxFollowees, int searchMaxResults, int historySize,
                           int historyRetentionDays) {
  static SocialConfig from(ConfigReader r) {
    return new SocialConfig(
      r.intIn("social.follow.dailyLimit", 1, 100_000),
      r.intIn("social.follow.maxFollowees", 1, 1_000_000),
      r.intIn("social.search.maxResults", 1, 100),
      r.intIn("social.search.historySize", 1, 1_000),
      r.intIn("social.search.historyRetentionDays", 1, 3_650));
  }
}
