package io.liveroom.room;

/** How important a room publication is when the room is over its publish budget. */
enum Priority {
  /** Likes aggregates (and join/leave): shed first. */
  LOW,
  /** Chat: shed when the budget is exhausted. */
  NORMAL,
  /** Gifts, moderation notices, pinned/removed, started/ended: never shed. */
  CRITICAL
}
