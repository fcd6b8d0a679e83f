package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The check a picture passes before it becomes public ({@code media.moderation.provider}).
 * {@code none} approves everything (a stand-in production refuses unless allowed by name);
 * {@code http} asks a third-party service. Guarantees: a picture is made public only on
 * {@link Verdict#APPROVED}; a failed future (provider down, timeout, a malformed answer) leaves it
 * private and pending, never public. The provider sees the medium rendition only, already stripped
 * of metadata, and no user data but the picture's and owner's ids.
 */
interface ImageModerator {
  enum Verdict { APPROVED, REJECTED }

  Future<Verdict> review(MediaObject picture, Buffer medium);

  /** Approves every picture: the embedded default, and tests. */
  static ImageModerator none() {
    return (picture, medium) -> Future.succeededFuture(Verdict.APPROVED);
  }
}
