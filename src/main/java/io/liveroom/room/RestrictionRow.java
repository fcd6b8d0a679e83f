package io.liveroom.room;

import java.time.Duration;

/** A stored restriction still in force: remaining null means permanent. */
record RestrictionRow(long userId, Restriction kind, Duration remaining) {
}
