package io.liveroom.realtime.broker;

/**
 * A history read: publications after offset {@code since} (exclusive), at most {@code limit}
 * (0 = only the stream top, -1 = all kept), oldest first unless {@code reverse}.
 */
public record HistoryQuery(long since, int limit, boolean reverse, HistorySpec spec) {
}
