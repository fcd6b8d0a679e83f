package io.liveroom.post;

/**
 * What posts tell the notifications capability, after the action committed. Fire-and-forget: an
 * implementation returns at once and never fails the caller; a lost notice loses nothing else.
 * Never called for a user's action on their own post.
 */
public interface PostNotices {
  void commented(long postAuthorId, long actorId, long postId, long commentId);

  void liked(long postAuthorId, long actorId, long postId);

  void shared(long postAuthorId, long actorId, long postId, long shareId);
}
