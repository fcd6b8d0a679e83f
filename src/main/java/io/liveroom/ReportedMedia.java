package io.liveroom;

import io.liveroom.media.MediaModeration;
import io.liveroom.privacy.ReportedPictures;
import io.vertx.core.Future;

import java.util.UUID;

/** Privacy's reports answered by media: a reported picture's owner, and taking a picture down. */
final class ReportedMedia implements ReportedPictures {
  private final MediaModeration moderation;

  ReportedMedia(MediaModeration moderation) {
    this.moderation = moderation;
  }

  @Override
  public Future<Long> ownerOf(UUID mediaId) {
    return moderation.ownerOf(mediaId);
  }

  @Override
  public Future<Void> takeDown(UUID mediaId) {
    return moderation.takeDown(mediaId);
  }
}
