package io.liveroom.consent;

import java.util.Optional;

/**
 * The purposes a user consents to separately. {@code location} is sensitive personal information
 * and is asked for on its own, only for Nearby and the regional hot list. Adding a purpose needs a
 * migration too (the ledger's CHECK constraint lists them).
 */
public enum Purpose {
  LOCATION("location"),
  PERSONALIZED_RECOMMENDATIONS("personalized_recommendations"),
  MARKETING_NOTIFICATIONS("marketing_notifications");

  private final String wire;

  Purpose(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Purpose> fromWire(String value) {
    for (Purpose p : values()) {
      if (p.wire.equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
