package io.liveroom;

import io.liveroom.realtime.Realtime;
import io.liveroom.reward.RoomLookup;

/**
 * Collaborators of the rewards capability that a test may replace with doubles: the room lookup
 * (so a ledger test needs no live room) and the real-time core (so it can record publications).
 * A null member means "the node's own"; {@link #none()} is what production uses.
 */
public record NodeSeams(RoomLookup rooms, Realtime realtime) {
  public static NodeSeams none() {
    return new NodeSeams(null, null);
  }
}
