package io.liveroom.room;

/** A live session's numbers: from Redis while live, from {@code room_sessions} once ended. */
record SessionStats(long sessionId, int peakViewers, long totalLikes, long messageCount) {
}
