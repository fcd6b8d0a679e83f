package io.liveroom.geo;

/**
 * One cell of the location grid: its row and column, and its centre, which is the only position
 * Liveroom ever stores for a user. Every user in a cell is indistinguishable by position.
 */
public record GridCell(long row, long col, double lat, double lng) {
}
