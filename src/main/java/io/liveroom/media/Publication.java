package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Making a picture public: moderation first, then the public state. Approved: public and approved.
 * Rejected: stays private and flagged {@code rejected} (its owner still sees it through signed
 * URLs). Moderation unavailable: stays private and {@code pending}; asking again retries.
 */
final class Publication {
  private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

  private final ImageModerator moderator;
  private final MediaRepository repository;
  private final MediaStore store;

  Publication(ImageModerator moderator, MediaRepository repository, MediaStore store) {
    this.moderator = moderator;
    this.repository = repository;
    this.store = store;
  }

  /** The picture after the attempt to make it public. */
  Future<MediaObject> publish(MediaObject m) {
    if (m.publiclyServed() || "rejected".equals(m.moderation())) {
      return Future.succeededFuture(m);
    }
    return store.get(Variant.MEDIUM.key(m.id())).compose(medium -> publish(m, medium.getBytes()));
  }

  Future<MediaObject> publish(MediaObject m, byte[] medium) {
    return moderator.review(m, Buffer.buffer(medium))
      .compose(verdict -> {
        boolean approved = verdict == ImageModerator.Verdict.APPROVED;
        MediaObject after = with(m, approved ? "public" : "private", approved ? "approved" : "rejected");
        if (!approved) {
          LOG.info("Moderation rejected picture {} of user {}; it stays private", m.id(), m.ownerId());
        }
        return repository.setState(m.id(), after.visibility(), after.moderation()).map(after);
      })
      .recover(e -> {
        LOG.warn("Moderation of picture {} of user {} failed, so it stays private: {}", m.id(), m.ownerId(), e.toString());
        return Future.succeededFuture(m);
      });
  }

  /** A moderator took the picture down (a report): private and rejected. */
  Future<Void> takeDown(MediaObject m) {
    return repository.setState(m.id(), "private", "rejected");
  }

  static MediaObject with(MediaObject m, String visibility, String moderation) {
    return new MediaObject(m.id(), m.ownerId(), m.purpose(), visibility, moderation, m.sourceType(), m.contentType(),
      m.width(), m.height(), m.bytes(), m.createdAt(), m.frozen());
  }
}
