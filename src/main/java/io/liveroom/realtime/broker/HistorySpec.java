package io.liveroom.realtime.broker;

/** How much history a channel keeps: {@code size} publications for {@code ttlSeconds}; size 0 = none. */
public record HistorySpec(int size, long ttlSeconds) {
  public static final HistorySpec NONE = new HistorySpec(0, 0);

  public boolean enabled() {
    return size > 0;
  }

  /** The stream's meta (epoch, top offset) outlives the stream, so a late recovery sees the same epoch. */
  public long metaTtlSeconds() {
    return Math.max(ttlSeconds * 10, 3600);
  }
}
