package io.liveroom.geo;

/**
 * Where a room's region came from. A {@code LOCATION} region is derived from the host's consented
 * location and is cleared when that consent is withdrawn; a {@code CHOSEN} one was picked by the
 * host and stays.
 */
public enum RegionSource {
  LOCATION, CHOSEN
}
