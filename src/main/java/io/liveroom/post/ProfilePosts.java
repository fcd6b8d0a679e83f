package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A user's posts as a viewer sees them, newest first, cursor-paged by id: the author sees all of
 * theirs, a follower public and followers-only ones, anyone else public ones; {@link PostViews}
 * then applies blocks and account status.
 */
final class ProfilePosts {
  private final PostRepository posts;
  private final PostRelations relations;
  private final PostViews views;

  ProfilePosts(PostRepository posts, PostRelations relations, PostViews views) {
    this.posts = posts;
    this.relations = relations;
    this.views = views;
  }

  Future<JsonObject> page(long viewerId, long authorId, Long cursor, int limit) {
    Future<List<String>> audience = viewerId == authorId ? Future.succeededFuture(List.of("public", "followers", "private"))
      : relations.followedAmong(viewerId, List.of(authorId))
        .map(f -> f.contains(authorId) ? List.of("public", "followers") : List.of("public"));
    return audience.compose(vis -> posts.byAuthor(authorId, cursor == null ? Long.MAX_VALUE : cursor, vis, limit))
      .compose(ids -> views.render(viewerId, ids).map(items -> {
        JsonObject page = new JsonObject().put("items", new JsonArray(items));
        if (ids.size() == limit) {
          page.put("nextCursor", Long.toString(ids.get(ids.size() - 1)));
        }
        return page;
      }));
  }
}
