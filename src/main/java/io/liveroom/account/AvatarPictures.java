package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Uploaded pictures as avatars, answered by the media capability through the bootstrap (accounts
 * is built first and imports nothing of media). {@link #use} makes the user's own picture public
 * (after moderation), records that their profile references it, and returns its public URL, which
 * becomes {@code avatarUrl}; {@link #release} drops that reference when the avatar changes to a
 * plain URL or none, so the old picture is swept after the grace period. Both are idempotent.
 */
public interface AvatarPictures {
  Future<String> use(long userId, UUID mediaId);

  Future<Void> release(long userId);

  /** Until the bootstrap plugs media in: no uploaded avatars. */
  AvatarPictures NONE = new AvatarPictures() {
    @Override
    public Future<String> use(long userId, UUID mediaId) {
      return Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "Uploaded avatars are not available."));
    }

    @Override
    public Future<Void> release(long userId) {
      return Future.succeededFuture();
    }
  };
}
