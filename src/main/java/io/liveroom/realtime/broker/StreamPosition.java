package io.liveroom.realtime.broker;

/** A position in a channel's history: offset within an epoch. Offset 0 = before the first publication. */
public record StreamPosition(long offset, String epoch) {
  public static final StreamPosition NONE = new StreamPosition(0, "");
}
