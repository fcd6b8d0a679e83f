package io.liveroom.privacy;

import io.vertx.core.Future;

/**
 * What reports need of posts and comments, answered by the posts capability through the bootstrap:
 * the author of a reported one (null when there is none), and removing one for everyone (a post
 * with its shares); removing is idempotent.
 */
public interface ReportedPosts {
  Future<Long> authorOfPost(long postId);

  Future<Long> authorOfComment(long commentId);

  Future<Void> removePost(long postId, long moderatorId);

  Future<Void> removeComment(long commentId, long moderatorId);
}
