package io.liveroom;

import io.liveroom.post.PostModeration;
import io.liveroom.privacy.ReportedPosts;
import io.vertx.core.Future;

/** Privacy's reports answered by posts: a reported post's or comment's author, and removing one. */
final class ReportedPostContent implements ReportedPosts {
  private final PostModeration moderation;

  ReportedPostContent(PostModeration moderation) {
    this.moderation = moderation;
  }

  @Override
  public Future<Long> authorOfPost(long postId) {
    return moderation.authorOfPost(postId);
  }

  @Override
  public Future<Long> authorOfComment(long commentId) {
    return moderation.authorOfComment(commentId);
  }

  @Override
  public Future<Void> removePost(long postId, long moderatorId) {
    return moderation.removePost(postId, moderatorId);
  }

  @Override
  public Future<Void> removeComment(long commentId, long moderatorId) {
    return moderation.removeComment(commentId, moderatorId);
  }
}
