package io.liveroom.media;

import io.vertx.core.Future;

import java.util.UUID;

/** What the reports queue needs of pictures: whose a reported one is, and taking it down. */
public final class MediaModeration {
  private final MediaService service;
  private final Publication publication;

  MediaModeration(MediaService service, Publication publication) {
    this.service = service;
    this.publication = publication;
  }

  /** The owner of the picture, or null when there is no such picture. */
  public Future<Long> ownerOf(UUID mediaId) {
    return service.existing(mediaId).map(MediaObject::ownerId).otherwise((Long) null);
  }

  /** Makes the picture private and rejected: its public URL stops serving it. */
  public Future<Void> takeDown(UUID mediaId) {
    return service.existing(mediaId).compose(publication::takeDown);
  }
}
