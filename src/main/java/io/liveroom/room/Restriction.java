package io.liveroom.room;

/** What a moderator can impose on a user in a room. */
enum Restriction {
  /** May watch, may not chat or like. */
  MUTE("mute"),
  /** May not enter the room at all. */
  BAN("ban"),
  /** Was removed from the room; may not re-enter until the re-join ban expires. */
  KICK("kick");

  private final String wire;

  Restriction(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }
}
