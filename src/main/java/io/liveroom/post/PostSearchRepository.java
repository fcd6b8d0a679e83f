package io.liveroom.post;

import io.liveroom.text.IndexMatchRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Candidate posts for search: text containing the query, not deleted, not frozen, not private,
 * newest first, below a keyset cursor. Who may see each one (followers-only posts, blocks, inactive
 * authors) is decided afterwards by {@link PostViews}. Through the V157 indexes only (the same
 * reasoning and the same sampling of common short terms as room search; docs/SOCIAL.md "Search").
 */
final class PostSearchRepository {
  static final String MATCHING = "SELECT id FROM posts WHERE deleted_at IS NULL AND NOT frozen"
    + " AND visibility <> 'private' AND lower(body) LIKE $1 AND id < $2 ORDER BY id DESC LIMIT $3";
  static final String MATCHING_SHORT = "SELECT id FROM posts WHERE deleted_at IS NULL AND NOT frozen"
    + " AND visibility <> 'private' AND text_search_grams(body) @> ARRAY[$1::text] AND id < $2 ORDER BY id DESC LIMIT $3";

  private final Pool pool;

  PostSearchRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Ids of matching posts below {@code beforeId}, newest first. {@code pattern} is a LIKE pattern
   * ({@code %q%}) for three characters or more, else the lower-cased one- or two-character query.
   */
  Future<List<Long>> matching(String pattern, boolean shortQuery, boolean sampled, long beforeId, int limit) {
    return IndexMatchRepository.withIndexMatch(pool, sampled,
        conn -> conn.preparedQuery(shortQuery ? MATCHING_SHORT : MATCHING).execute(Tuple.of(pattern, beforeId, limit)))
      .map(rows -> {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getLong(0)));
        return ids;
      });
  }
}
