package io.liveroom.room;

import java.time.Instant;

/** An accepted chat message, as persisted. */
record StoredChatMessage(long id, long roomId, Long sessionId, long senderId, String text, boolean masked, Instant sentAt) {
}
