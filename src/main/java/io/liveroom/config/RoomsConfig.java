package io.liveroom.config;

import java.time.Duration;

/**
 * Live rooms: chat rules, the channel's history and join/leave threshold, the per-room publish
 * budget, like aggregation, the hot-list score, moderation defaults and the media-server webhooks.
 *
 * @param publishBudgetPerSecond publications per room per second (per node) before low-priority
 *                               traffic is shed (likes, then chat; never gifts or moderation)
 * @param joinLeaveMaxViewers    above this many viewers, join/leave pushes are turned off
 * @param chatFilterFile         keyword list file ({@code word} masks, {@code !word} rejects); empty = no filter
 * @param webhookToken           when set, the media webhooks require {@code ?token=} equal to it
 */
public record RoomsConfig(
  int publishBudgetPerSecond,
  int historySize,
  Duration historyTtl,
  int joinLeaveMaxViewers,
  int chatMaxLength,
  boolean chatVerifiedOnly,
  int chatRateMessages,
  Duration chatRateWindow,
  String chatFilterFile,
  Duration chatFilterReload,
  int archiveBufferSize,
  int archiveBatchSize,
  Duration archiveFlush,
  Duration archiveMaxRetryDelay,
  Duration likesFlush,
  int likesMaxPerCall,
  int likesMaxPerUserPerMinute,
  Duration hotDecayInterval,
  Duration hotHalfLife,
  HotWeights hotWeights,
  Duration kickBan,
  Duration maxMute,
  String webhookToken
) {
  /** How much each signal adds to a room's hot score before decay. */
  public record HotWeights(double viewer, double chat, double like, double gift) {
  }

  static RoomsConfig from(ConfigReader r) {
    return new RoomsConfig(
      r.intIn("rooms.publishBudgetPerSecond", 10, 100_000),
      r.intIn("rooms.channel.historySize", 0, 10_000),
      Duration.ofSeconds(r.intIn("rooms.channel.historyTtlSeconds", 10, 7 * 86_400)),
      r.intIn("rooms.channel.joinLeaveMaxViewers", 0, 1_000_000),
      r.intIn("rooms.chat.maxLength", 1, 2_000),
      r.bool("rooms.chat.verifiedOnly"),
      r.intIn("rooms.chat.rateLimit.messages", 1, 1_000),
      Duration.ofSeconds(r.intIn("rooms.chat.rateLimit.windowSeconds", 1, 3_600)),
      r.string("rooms.chat.filter.file"),
      Duration.ofSeconds(r.intIn("rooms.chat.filter.reloadSeconds", 1, 3_600)),
      r.intIn("rooms.chat.archive.bufferSize", 100, 10_000_000),
      r.intIn("rooms.chat.archive.batchSize", 1, 10_000),
      Duration.ofMillis(r.intIn("rooms.chat.archive.flushMillis", 10, 60_000)),
      Duration.ofSeconds(r.intIn("rooms.chat.archive.maxRetryDelaySeconds", 1, 600)),
      Duration.ofMillis(r.intIn("rooms.likes.flushMillis", 100, 60_000)),
      r.intIn("rooms.likes.maxPerCall", 1, 10_000),
      r.intIn("rooms.likes.maxPerUserPerMinute", 1, 1_000_000),
      Duration.ofSeconds(r.intIn("rooms.hot.decayIntervalSeconds", 1, 3_600)),
      Duration.ofSeconds(r.intIn("rooms.hot.halfLifeSeconds", 10, 7 * 86_400)),
      new HotWeights(r.doubleIn("rooms.hot.viewerWeight", 0, 1e6), r.doubleIn("rooms.hot.chatWeight", 0, 1e6),
        r.doubleIn("rooms.hot.likeWeight", 0, 1e6), r.doubleIn("rooms.hot.giftWeight", 0, 1e6)),
      Duration.ofSeconds(r.intIn("rooms.moderation.kickBanSeconds", 1, 30 * 86_400)),
      Duration.ofSeconds(r.intIn("rooms.moderation.maxMuteSeconds", 60, 365 * 86_400)),
      r.string("rooms.media.webhookToken"));
  }
}
