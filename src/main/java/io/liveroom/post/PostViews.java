package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Renders posts for a viewer: one JSON object per post, in the order of {@code postIds}, leaving
 * out what the viewer may not see (deleted, frozen, a visibility that does not admit the viewer, a
 * share whose original is gone). Feeds select ids and render them through this, so the shape of a
 * post and its visibility rules live in one place.
 */
interface PostViews {
  Future<List<JsonObject>> render(long viewerId, List<Long> postIds);
}
