package io.liveroom.media;

import java.util.Arrays;
import java.util.Optional;

/** The stored renditions of a picture, each re-encoded without metadata: the full size, a medium one, a thumbnail. */
enum Variant {
  ORIGINAL("original"), MEDIUM("medium"), THUMB("thumb");

  final String wire;

  Variant(String wire) {
    this.wire = wire;
  }

  static Optional<Variant> fromWire(String wire) {
    return Arrays.stream(values()).filter(v -> v.wire.equals(wire)).findFirst();
  }

  /** The object's key in the storage backend. */
  String key(java.util.UUID id) {
    return "media/" + id + "/" + wire;
  }
}
