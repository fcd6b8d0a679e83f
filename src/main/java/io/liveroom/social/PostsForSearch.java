package io.liveroom.social;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Posts for {@code GET /api/v1/search?type=posts}, answered by the post capability (wired in the
 * bootstrap): at most {@code limit} posts whose text contains the query, newest first, each rendered
 * as the viewer may see it, with the post capability's visibility rules applied (so blocked and
 * inactive authors, deleted, private and not-allowed followers-only posts never appear).
 */
@FunctionalInterface
public interface PostsForSearch {
  Future<List<JsonObject>> search(long viewerId, SearchTerms terms, int limit);
}
