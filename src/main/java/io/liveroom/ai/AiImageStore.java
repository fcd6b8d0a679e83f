package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.UUID;

/**
 * Where finished AI pictures are kept: as media (answered by a root adapter over the media
 * capability), re-encoded without metadata, owned by the user, purpose {@code ai}, and referenced
 * as {@code ai_image/<generation id>} so the orphan sweeper keeps them while they are in the gallery.
 *
 * <p>Guarantees: {@link #store} succeeds only once the picture is stored and referenced;
 * {@link #delete} removes the reference and the picture and is idempotent; links are signed,
 * expiring URLs that work without a bearer token (an {@code <img>} tag, the app's download to the
 * phone's album).
 */
public interface AiImageStore {
  /** A stored picture and its signed links. */
  record Stored(UUID mediaId, int width, int height, String url, String thumbUrl) {
  }

  Future<Stored> store(long userId, String generationId, Buffer png);

  /** Fresh signed links of a picture of the user's. */
  Future<Stored> links(long userId, UUID mediaId);

  Future<Void> delete(long userId, UUID mediaId, String generationId);

  /** The full-size picture of one of the user's pictures (a reference for an edit); 404 for another's. */
  Future<Buffer> read(long userId, UUID mediaId);
}
