package io.liveroom.account;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Many users at once, for lists and search in other capabilities (social's follower lists and
 * people search). Never cached: a ban or cancellation is seen by the next call.
 */
public interface PeopleDirectory {
  /**
   * Active accounts (never cancelled, banned, frozen or awaiting a guardian) whose nickname starts
   * with the query, in nickname order; then, for queries of {@link SearchTerms#MIN_CONTAINS} or more
   * characters and while the page is not full, those whose nickname contains it. No id in
   * {@code excluded} is returned. At most {@code limit}.
   */
  Future<List<UserSummary>> search(SearchTerms terms, Collection<Long> excluded, int limit);

  /** The summaries of those ids that exist (any status); unknown ids are absent from the map. */
  Future<Map<Long, UserSummary>> summaries(Collection<Long> ids);
}
