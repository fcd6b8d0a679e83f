package io.liveroom.geo;

/** A user's stored position (a cell centre, re-snapped after Redis' geohash rounding) and when it was seen. */
public record StoredCell(long userId, GridCell cell, long seenAtMillis) {
}
