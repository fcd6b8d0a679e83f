package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;

/** Liking and unliking a post the caller can see; both idempotent, the count exact ({@link LikeRepository}). */
final class PostLikes {
  private final LikeRepository likes;
  private final PostService posts;
  private final PostNotices notices;
  private final Clock clock;

  PostLikes(LikeRepository likes, PostService posts, PostNotices notices, Clock clock) {
    this.likes = likes;
    this.posts = posts;
    this.notices = notices;
    this.clock = clock;
  }

  Future<JsonObject> like(long userId, long postId) {
    return posts.one(userId, postId).compose(seen -> likes.like(postId, userId, clock.instant()).map(added -> {
      long author = seen.getJsonObject("author").getLong("id");
      if (added && author != userId) {
        notices.liked(author, userId, postId);
      }
      return added;
    })).compose(v -> reply(postId, true));
  }

  Future<JsonObject> unlike(long userId, long postId) {
    return posts.one(userId, postId).compose(seen -> likes.unlike(postId, userId)).compose(v -> reply(postId, false));
  }

  private Future<JsonObject> reply(long postId, boolean liked) {
    return likes.count(postId).map(n -> new JsonObject().put("postId", postId).put("liked", liked).put("likes", n));
  }
}
