package io.liveroom.config;

import java.time.Duration;
import java.util.Set;

/**
 * Privacy rights: data exports, account cancellation and the retention the privacy scheduler
 * enforces. A retention of 0 days keeps that kind of data until the user's account is erased.
 *
 * @param exportsPerDay       data exports a user (or an admin for a minor) may request per 24 h
 * @param exportLinkTtl       how long a ready export can be downloaded; then the file is deleted
 * @param coolingOff          how long a cancelled account can be restored before it is erased
 * @param chatOnErasure       {@code anonymize} or {@code delete} the chat of an erased account
 * @param withdrawalTokenTtl  lifetime of the token a frozen account's login returns for withdrawal
 * @param schedulerInterval   how often each node runs erasure, retention and export clean-up
 * @param schedulerBatch      accounts (and export files) one run handles at most
 * @param chatRetentionDays   chat messages older than this are deleted (0 = keep)
 * @param auditRetentionDays  audit entries older than this are deleted (0 = keep)
 * @param aiRetentionDays     AI conversations older than this are deleted through the AI seam (0 = keep)
 * @param policyFile          published privacy-policy versions (JSON); empty = the bundled example
 */
public record PrivacyConfig(int exportsPerDay, Duration exportLinkTtl, Duration coolingOff, String chatOnErasure,
                            Duration withdrawalTokenTtl, Duration schedulerInterval, int schedulerBatch,
                            int chatRetentionDays, int auditRetentionDays, int aiRetentionDays, String policyFile) {
  static PrivacyConfig from(ConfigReader r) {
    return new PrivacyConfig(
      r.intIn("privacy.exports.maxPerDay", 1, 100),
      Duration.ofHours(r.intIn("privacy.exports.linkTtlHours", 1, 720)),
      Duration.ofDays(r.intIn("privacy.cancellation.coolingOffDays", 1, 365)),
      r.oneOf("privacy.cancellation.chat", Set.of("anonymize", "delete")),
      Duration.ofSeconds(r.intIn("privacy.cancellation.withdrawalTokenTtlSeconds", 60, 86_400)),
      Duration.ofSeconds(r.intIn("privacy.scheduler.intervalSeconds", 5, 86_400)),
      r.intIn("privacy.scheduler.batchSize", 1, 10_000),
      r.intIn("privacy.retention.chatDays", 0, 36_500),
      r.intIn("privacy.retention.auditDays", 0, 36_500),
      r.intIn("privacy.retention.aiConversationDays", 0, 36_500),
      r.string("privacy.policy.file"));
  }
}
