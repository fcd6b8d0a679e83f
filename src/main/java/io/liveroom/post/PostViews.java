package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The one place that renders posts for a viewer: profile lists, single posts and the feeds all go
 * through it. The result keeps the order of {@code postIds} and leaves out what the viewer may not
 * see: deleted posts, frozen ones (the author is cancelling), private posts of others,
 * followers-only posts of authors the viewer does not follow, posts of inactive authors, posts with
 * a block either way between author and viewer, and shares whose original the viewer may not see.
 * Each item has the shape {@code {id, author:{id,nickname,avatarUrl}, text,
 * pictures:[{mediaId,url,thumbUrl}], videoUrl, place:{region,name}|null, visibility,
 * repostOf:<same shape>|null, counts:{likes,comments,shares}, likedByMe, createdAt, editedAt}}.
 * Batched: a fixed number of queries per call, whatever the number of posts.
 */
public interface PostViews {
  Future<List<JsonObject>> render(long viewerId, List<Long> postIds);
}
