package io.liveroom.youth;

import io.liveroom.config.YouthConfig;

/** What youth mode limits per day, each with its own counter and limit. */
enum UsageKind {
  LIVE("live"), AI("ai");

  final String key;

  UsageKind(String key) {
    this.key = key;
  }

  long limitMs(YouthConfig config) {
    return (this == LIVE ? config.liveMinutesPerDay() : config.aiMinutesPerDay()) * 60_000L;
  }
}
