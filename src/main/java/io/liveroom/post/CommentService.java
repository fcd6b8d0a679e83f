package io.liveroom.post;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.auth.Role;
import io.liveroom.config.PostsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Comments on posts the caller can see (so never across a block with the post's author), with one
 * level of replies: a reply to a reply answers its top-level comment. A per-user limit a minute
 * (a Redis counter per user and minute, shared by every node), the keyword filter, and deletion by
 * the comment's author, the post's author or a moderator.
 */
final class CommentService {
  private final CommentRepository comments;
  private final PostService posts;
  private final PostRelations relations;
  private final PeopleDirectory people;
  private final UserDirectory directory;
  private final RedisAPI redis;
  private final PostNotices notices;
  private final PostsConfig config;
  private final Clock clock;

  CommentService(CommentRepository comments, PostService posts, PostRelations relations, PeopleDirectory people,
                 UserDirectory directory, RedisAPI redis, PostNotices notices, PostsConfig config, Clock clock) {
    this.comments = comments;
    this.posts = posts;
    this.relations = relations;
    this.people = people;
    this.directory = directory;
    this.redis = redis;
    this.notices = notices;
    this.config = config;
    this.clock = clock;
  }

  Future<JsonObject> add(long userId, long postId, String text, Long replyTo) {
    return posts.mayWrite(userId).compose(v -> posts.one(userId, postId)).compose(seen -> parent(userId, postId, replyTo)
      .compose(parentId -> withinLimit(userId).compose(v -> comments.insert(postId, userId, parentId,
        posts.filtered(text), clock.instant())))
      .map(added -> {
        CommentRepository.Comment c = added.orElseThrow(PostService::notFound);
        long author = seen.getJsonObject("author").getLong("id");
        if (author != userId) {
          notices.commented(author, userId, postId, c.id());
        }
        return c;
      }))
      .compose(c -> people.summaries(List.of(userId)).map(u -> view(c, u.get(userId))));
  }

  /** The top-level comment a reply answers (null for a top-level comment). */
  private Future<Long> parent(long userId, long postId, Long replyTo) {
    if (replyTo == null) {
      return Future.succeededFuture(null);
    }
    return comments.find(replyTo).compose(found -> {
      CommentRepository.Comment c = found.filter(x -> x.live() && x.postId() == postId)
        .orElseThrow(() -> AppException.of(ErrorCode.COMMENT_NOT_FOUND, "No such comment on this post."));
      return relations.blockedAmong(userId, List.of(c.authorId())).map(blocked -> {
        if (!blocked.isEmpty()) {
          throw AppException.of(ErrorCode.USER_BLOCKED, "You cannot reply to this user.");
        }
        return c.parentId() != null ? c.parentId() : c.id();
      });
    });
  }

  private Future<Void> withinLimit(long userId) {
    long minute = clock.instant().getEpochSecond() / 60;
    String key = "posts:comments:" + userId + ":" + minute;
    return redis.incr(key).compose(n -> {
      Future<Void> expiry = n.toLong() == 1 ? redis.expire(List.of(key, "120")).mapEmpty() : Future.succeededFuture();
      return expiry.compose(v -> n.toLong() > config.commentsPerMinute()
        ? Future.failedFuture(AppException.retryAfter(ErrorCode.COMMENT_RATE_LIMITED, "Too many comments; wait a moment.",
          (minute + 1) * 60 - clock.instant().getEpochSecond()))
        : Future.succeededFuture());
    });
  }

  Future<Void> delete(long userId, long postId, long commentId) {
    return comments.find(commentId).compose(found -> {
      CommentRepository.Comment c = found.filter(x -> x.postId() == postId)
        .orElseThrow(() -> AppException.of(ErrorCode.COMMENT_NOT_FOUND, "No such comment on this post."));
      Future<Boolean> allowed = c.authorId() == userId ? Future.succeededFuture(true)
        : posts.one(userId, postId).map(p -> p.getJsonObject("author").getLong("id") == userId).otherwise(false)
          .compose(own -> own ? Future.succeededFuture(true)
            : directory.currentRole(userId).map(r -> r == Role.MODERATOR || r == Role.ADMIN));
      return allowed.compose(ok -> ok ? comments.delete(postId, commentId, userId, clock.instant())
        : Future.failedFuture(AppException.of(ErrorCode.POST_NOT_YOURS,
          "Only the comment's author, the post's author or a moderator may delete it.")));
    });
  }

  /** A post's comments, oldest first, leaving out those of users blocked either way with the viewer. */
  Future<JsonObject> list(long viewerId, long postId, Long cursor, int limit) {
    return posts.one(viewerId, postId).compose(seen -> comments.page(postId, cursor == null ? 0 : cursor, limit))
      .compose(page -> {
        Set<Long> authors = new HashSet<>();
        page.forEach(c -> authors.add(c.authorId()));
        authors.remove(viewerId);
        return Future.all(relations.blockedAmong(viewerId, authors), people.summaries(withViewer(authors, viewerId)))
          .map(all -> {
            Set<Long> blocked = all.resultAt(0);
            java.util.Map<Long, UserSummary> users = all.resultAt(1);
            JsonArray items = new JsonArray();
            page.stream().filter(c -> !blocked.contains(c.authorId())).forEach(c -> items.add(view(c, users.get(c.authorId()))));
            JsonObject out = new JsonObject().put("items", items);
            if (page.size() == limit) {
              out.put("nextCursor", Long.toString(page.get(page.size() - 1).id()));
            }
            return out;
          });
      });
  }

  private static Set<Long> withViewer(Set<Long> authors, long viewerId) {
    Set<Long> ids = new HashSet<>(authors);
    ids.add(viewerId);
    return ids;
  }

  static JsonObject view(CommentRepository.Comment c, UserSummary u) {
    JsonObject author = u == null ? new JsonObject().put("id", c.authorId())
      : new JsonObject().put("id", u.id()).put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl());
    return new JsonObject().put("id", c.id()).put("postId", c.postId()).put("parentId", c.parentId())
      .put("author", author).put("text", c.text()).put("createdAt", c.createdAt().toString());
  }
}
