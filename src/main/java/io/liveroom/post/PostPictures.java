package io.liveroom.post;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * Pictures of posts, answered by the media capability through the bootstrap. A post references
 * each of its pictures, so the orphan sweeper keeps them while the post lives; deleting the post
 * drops the references and the sweeper removes them after its grace period.
 */
public interface PostPictures {
  /** Links of one picture: shown full width ({@code url}) and as a thumbnail. */
  record Links(String url, String thumbUrl) {
  }

  /**
   * Marks the author's picture as used by the post at {@code position}; a public post's pictures
   * are made public (moderation first, failing with {@code media_not_usable} when it does not
   * approve). Fails with {@code media_not_found} for a picture that is not the author's.
   */
  Future<Void> attach(long authorId, UUID mediaId, long postId, int position, boolean makePublic);

  /** Drops the references of the post's {@code count} pictures. */
  Future<Void> detach(long postId, int count);

  /** Public links, or ({@code signed}) expiring signed ones for a private or followers-only post. */
  Links links(UUID mediaId, boolean signed);
}
