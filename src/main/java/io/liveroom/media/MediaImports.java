package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.UUID;

/**
 * Pictures a capability makes itself (AI painting) rather than a user uploads: stored through the
 * same pipeline as an upload (type sniffed, decoded, every variant re-encoded without metadata),
 * private to the owner, and referenced at once as {@code kind}/{@code refId} so the orphan sweeper
 * keeps it. A capability that needs this defines its own small interface and the bootstrap adapts.
 *
 * <p>Guarantees: {@link #importPicture} succeeds only once every variant is stored and the
 * reference recorded; {@link #deleteReferenced} drops the reference and the picture and is
 * idempotent (a picture already gone is a success); links are signed and expire after
 * {@code media.signedUrlTtl}.
 */
public interface MediaImports {
  /** A stored picture with signed links to its full size and thumbnail. */
  record Imported(UUID id, int width, int height, String originalUrl, String thumbUrl) {
  }

  Future<Imported> importPicture(long ownerId, String purpose, Buffer bytes, String kind, String refId);

  /** Fresh signed links of a picture of {@code ownerId}'s; {@code media_not_found} for another's. */
  Future<Imported> links(long ownerId, UUID id);

  /** The full-size variant of a picture of {@code ownerId}'s. */
  Future<Buffer> original(long ownerId, UUID id);

  Future<Void> deleteReferenced(long ownerId, UUID id, String kind, String refId);
}
