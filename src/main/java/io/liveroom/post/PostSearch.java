package io.liveroom.post;

import io.liveroom.text.IndexMatchRepository;
import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Posts whose text contains the query, newest first, as the viewer may see them: candidates come
 * from {@link PostSearchRepository} (public and followers-only, never deleted, frozen or private),
 * and {@link PostViews} drops the rest (followers-only posts of authors the viewer does not follow,
 * blocks either way, inactive authors). Candidates are read in batches of twice the page until the
 * page is full, the matches run out, or {@link #MAX_BATCHES} batches were read, so a page of mostly
 * invisible matches costs a bounded number of queries.
 */
final class PostSearch {
  private static final int MAX_BATCHES = 3;
  private static final int OVERSAMPLE = 2;

  private final PostSearchRepository repository;
  private final PostViews views;

  PostSearch(PostSearchRepository repository, PostViews views) {
    this.repository = repository;
    this.views = views;
  }

  Future<List<JsonObject>> search(long viewerId, SearchTerms terms, int limit) {
    boolean shortQuery = terms.contains() == null;
    boolean sampled = IndexMatchRepository.sampled(terms.text());
    String pattern = shortQuery ? terms.text() : terms.contains();
    return fill(viewerId, pattern, shortQuery, sampled, Long.MAX_VALUE, limit, new ArrayList<>(), 1);
  }

  private Future<List<JsonObject>> fill(long viewerId, String pattern, boolean shortQuery, boolean sampled, long before,
                                        int limit, List<JsonObject> found, int batch) {
    int want = limit * OVERSAMPLE;
    return repository.matching(pattern, shortQuery, sampled, before, want)
      .compose(ids -> views.render(viewerId, ids).compose(visible -> {
        for (JsonObject post : visible) {
          if (found.size() < limit) {
            found.add(post);
          }
        }
        boolean more = ids.size() == want && found.size() < limit && batch < MAX_BATCHES;
        return more ? fill(viewerId, pattern, shortQuery, sampled, ids.get(ids.size() - 1), limit, found, batch + 1)
          : Future.succeededFuture(found);
      }));
  }
}
