package io.liveroom.geo;

/**
 * What Nearby and the regional hot list show of a live room: its id, host, title, and the rooms
 * side's popularity score (higher is hotter); {@code region} is null when the room has none.
 */
public record LiveRoom(String roomId, long hostId, String title, long score, String region) {
}
