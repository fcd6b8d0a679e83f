package io.liveroom.note;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * How a note references a picture, answered by media through an adapter the bootstrap wires: a
 * referenced picture is kept by the orphan sweeper; a released one, referenced by nothing else,
 * is deleted after the grace period.
 *
 * <p>Guarantees: {@link #attach} succeeds only for a picture {@code userId} uploaded (or that the
 * AI gallery made for them) and that moderation has not rejected; it fails with
 * {@code media_not_found} for a missing or another user's picture and {@code media_not_usable}
 * for a rejected one. The picture stays private (served through signed URLs). Both calls are
 * idempotent.
 */
public interface NotePictures {
  Future<Void> attach(long userId, UUID mediaId, long noteId);

  Future<Void> release(long noteId);
}
