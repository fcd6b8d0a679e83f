package io.liveroom.privacy;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * What reports need of uploaded pictures, answered by media through the bootstrap: whose a
 * reported picture is (null when there is none), and taking one down (private and rejected, so
 * its public URL stops serving it).
 */
public interface ReportedPictures {
  Future<Long> ownerOf(UUID mediaId);

  Future<Void> takeDown(UUID mediaId);
}
