package io.liveroom.config;

/**
 * Nearby and the regional hot list. Locations are snapped to a grid of {@code cellMeters} before
 * anything is stored, kept for {@code locationTtlSeconds}, and refused when they imply travel
 * faster than {@code maxSpeedMetersPerSecond}. Location updates and Nearby queries are each limited
 * per user to a number per fixed window. Regions are geohash cells of {@code regionPrecision}
 * characters (4 = about 39 x 20 km, city scale).
 */
public record NearbyConfig(int cellMeters, int locationTtlSeconds, int maxSpeedMetersPerSecond,
                           int updateLimit, int updateWindowSeconds, int queryLimit, int queryWindowSeconds,
                           int maxResults, int regionPrecision, int pruneIntervalSeconds) {
  static NearbyConfig from(ConfigReader r) {
    return new NearbyConfig(
      r.intIn("nearby.cellMeters", 250, 2_000),
      r.intIn("nearby.locationTtlSeconds", 60, 86_400),
      r.intIn("nearby.maxSpeedMetersPerSecond", 50, 1_000),
      r.intIn("nearby.updateLimit.max", 1, 10_000),
      r.intIn("nearby.updateLimit.windowSeconds", 1, 86_400),
      r.intIn("nearby.queryLimit.max", 1, 10_000),
      r.intIn("nearby.queryLimit.windowSeconds", 1, 86_400),
      r.intIn("nearby.maxResults", 1, 200),
      r.intIn("nearby.regionPrecision", 3, 5),
      r.intIn("nearby.pruneIntervalSeconds", 5, 3_600));
  }
}
