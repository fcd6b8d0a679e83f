package io.liveroom;

import io.liveroom.account.AvatarPictures;
import io.liveroom.media.MediaReferences;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Accounts' avatars answered by media: an avatar is the {@code avatar/<user id>} reference to an
 * uploaded picture, made public (after moderation) and shown through its medium variant's URL.
 */
final class MediaAvatars implements AvatarPictures {
  private static final String KIND = "avatar";
  private final MediaReferences references;

  MediaAvatars(MediaReferences references) {
    this.references = references;
  }

  @Override
  public Future<String> use(long userId, UUID mediaId) {
    return references.attach(userId, mediaId, KIND, Long.toString(userId), true).map(MediaReferences.Attached::mediumUrl);
  }

  @Override
  public Future<Void> release(long userId) {
    return references.detach(KIND, Long.toString(userId));
  }
}
