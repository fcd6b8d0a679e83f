package io.liveroom.geo;

import java.util.Optional;

/**
 * The only form in which Nearby reveals distance: a coarse band between two cell centres, never
 * metres or coordinates. Beyond the last band nobody is listed.
 */
public enum DistanceBucket {
  UNDER_1_KM("<1 km", 1_000),
  KM_1_TO_3("1–3 km", 3_000),
  KM_3_TO_5("3–5 km", 5_000),
  KM_5_TO_10("5–10 km", 10_000);

  public static final double MAX_METERS = 10_000;

  private final String label;
  private final double upperMeters;

  DistanceBucket(String label, double upperMeters) {
    this.label = label;
    this.upperMeters = upperMeters;
  }

  public String label() {
    return label;
  }

  /** The band of a distance, empty beyond {@link #MAX_METERS}. */
  public static Optional<DistanceBucket> of(double meters) {
    for (DistanceBucket b : values()) {
      if (meters < b.upperMeters) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
