package io.liveroom.post;

import io.vertx.core.Future;

import java.time.Clock;

/**
 * What the reports queue needs of posts and comments: who wrote a reported one (null when there is
 * none), and removing one for everyone on a moderator's decision (a post with its shares).
 */
public final class PostModeration {
  private final PostRepository posts;
  private final CommentRepository comments;
  private final PostService service;
  private final Clock clock;

  PostModeration(PostRepository posts, CommentRepository comments, PostService service, Clock clock) {
    this.posts = posts;
    this.comments = comments;
    this.service = service;
    this.clock = clock;
  }

  public Future<Long> authorOfPost(long postId) {
    return posts.find(postId).map(p -> p.map(PostRow::authorId).orElse(null));
  }

  public Future<Long> authorOfComment(long commentId) {
    return comments.find(commentId).map(c -> c.map(CommentRepository.Comment::authorId).orElse(null));
  }

  public Future<Void> removePost(long postId, long moderatorId) {
    return posts.find(postId).compose(p -> p.isEmpty() ? Future.succeededFuture() : service.remove(p.get(), moderatorId));
  }

  public Future<Void> removeComment(long commentId, long moderatorId) {
    return comments.find(commentId).compose(c -> c.isEmpty() ? Future.succeededFuture()
      : comments.delete(c.get().postId(), commentId, moderatorId, clock.instant()));
  }
}
