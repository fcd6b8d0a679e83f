package io.liveroom.geo;

import io.vertx.core.Future;

/**
 * Whether a user may use Nearby now (share a location, list people or rooms near them), answered
 * outside geo (youth mode forbids it). A refusal is a failed future carrying an {@code AppException}.
 * Called on an event loop; must not block.
 */
@FunctionalInterface
public interface NearbyGate {
  NearbyGate OPEN = userId -> Future.succeededFuture();

  Future<Void> mayUseNearby(long userId);
}
