package io.liveroom.consent;

import java.util.Optional;

/** Where a consent decision was made: the mobile app, the web site, or a direct API call. */
public enum ConsentSource {
  APP("app"), WEB("web"), API("api");

  private final String wire;

  ConsentSource(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<ConsentSource> fromWire(String value) {
    for (ConsentSource s : values()) {
      if (s.wire.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
