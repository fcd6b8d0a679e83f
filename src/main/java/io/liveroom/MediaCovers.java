package io.liveroom;

import io.liveroom.media.MediaReferences;
import io.liveroom.room.CoverPictures;
import io.vertx.core.Future;

import java.util.UUID;

/** Rooms' covers answered by media: a cover is the {@code cover/<room id>} reference to a public picture. */
final class MediaCovers implements CoverPictures {
  private final MediaReferences references;

  MediaCovers(MediaReferences references) {
    this.references = references;
  }

  @Override
  public Future<String> publish(long hostId, UUID mediaId) {
    return references.publish(hostId, mediaId).map(MediaReferences.Attached::mediumUrl);
  }

  @Override
  public Future<Void> reference(long hostId, UUID mediaId, long roomId) {
    return references.attach(hostId, mediaId, "cover", Long.toString(roomId), true).mapEmpty();
  }

  @Override
  public Future<Void> release(long roomId) {
    return references.detach("cover", Long.toString(roomId));
  }
}
