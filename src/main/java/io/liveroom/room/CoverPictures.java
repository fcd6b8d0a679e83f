package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Uploaded pictures as room covers, answered by the media capability through the bootstrap (rooms
 * imports nothing of media). {@link #publish} makes the host's own picture public (after
 * moderation) and returns its public URL, which becomes {@code coverUrl}; {@link #reference}
 * records that the room uses it (replacing the picture it used before, which the sweeper then
 * deletes after its grace period); {@link #release} drops the room's reference when its cover
 * becomes a plain URL or none.
 */
public interface CoverPictures {
  Future<String> publish(long hostId, UUID mediaId);

  Future<Void> reference(long hostId, UUID mediaId, long roomId);

  Future<Void> release(long roomId);

  /** Until the bootstrap plugs media in: no uploaded covers. */
  CoverPictures NONE = new CoverPictures() {
    @Override
    public Future<String> publish(long hostId, UUID mediaId) {
      return Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "Uploaded covers are not available."));
    }

    @Override
    public Future<Void> reference(long hostId, UUID mediaId, long roomId) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> release(long roomId) {
      return Future.succeededFuture();
    }
  };
}
