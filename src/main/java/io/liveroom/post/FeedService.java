package io.liveroom.post;

import io.liveroom.consent.ConsentService;
import io.liveroom.consent.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The following and discovery feeds. Both select post ids in SQL ({@link FeedRepository}) and
 * render them through {@link PostViews}. A page's {@code nextCursor} comes from the selection, not
 * from what was rendered, so a post the renderer leaves out never ends paging early.
 *
 * <p>Personalized ranking (the hot discovery feed only) applies while the viewer grants
 * {@code personalized_recommendations}, read from PostgreSQL on every request, so a withdrawal
 * counts from the next one. Blocks either way are a safety rule, applied whatever the consent.
 */
final class FeedService {
  /** Discovery "hot" ranks the newest this many public posts... */
  static final int HOT_CANDIDATES = 1_000;
  /** ...of the last this many hours. */
  static final int HOT_WINDOW_HOURS = 72;
  /** Personalized hot ranking: posts of authors the viewer follows weigh this many times more. */
  static final double FOLLOWED_AUTHOR_BOOST = 3.0;

  private final FeedRepository feeds;
  private final FeedFollows follows;
  private final ConsentService consents;
  private final PostViews views;
  private final Clock clock;

  FeedService(FeedRepository feeds, FeedFollows follows, ConsentService consents, PostViews views, Clock clock) {
    this.feeds = feeds;
    this.follows = follows;
    this.consents = consents;
    this.views = views;
    this.clock = clock;
  }

  /** Posts of the users the viewer follows (public and followers-only), newest first, below {@code cursor}. */
  Future<JsonObject> following(long viewerId, Long cursor, int limit) {
    return Future.all(follows.followees(viewerId), follows.blockedEitherWay(viewerId)).compose(both -> {
      List<Long> followees = both.resultAt(0);
      Set<Long> blocked = both.resultAt(1);
      List<Long> authors = followees.stream().filter(id -> !blocked.contains(id)).toList();
      if (authors.isEmpty()) {
        return page(viewerId, List.of(), limit, null);
      }
      return feeds.following(authors, cursor == null ? Long.MAX_VALUE : cursor, limit)
        .compose(ids -> page(viewerId, ids, limit, null));
    });
  }

  /** Public posts, {@code recent} (newest first, cursor = last id) or {@code hot} (cursor = position). */
  Future<JsonObject> discover(long viewerId, DiscoverSort sort, Long cursor, int limit) {
    return follows.blockedEitherWay(viewerId).compose(blocked -> {
      List<Long> hidden = List.copyOf(blocked);
      if (sort == DiscoverSort.RECENT) {
        return feeds.recent(cursor == null ? Long.MAX_VALUE : cursor, limit, hidden)
          .compose(ids -> page(viewerId, ids, limit, null).map(p -> p.put("personalized", false)));
      }
      return consents.isGranted(viewerId, Purpose.PERSONALIZED_RECOMMENDATIONS).compose(personal ->
        (personal ? follows.followees(viewerId) : Future.succeededFuture(List.<Long>of())).compose(boosted -> {
          int offset = cursor == null ? 0 : (int) Math.min(cursor, HOT_CANDIDATES);
          FeedRepository.HotQuery q = new FeedRepository.HotQuery(OffsetDateTime.now(clock).withOffsetSameInstant(
            ZoneOffset.UTC), HOT_WINDOW_HOURS, HOT_CANDIDATES, boosted, FOLLOWED_AUTHOR_BOOST, hidden, offset, limit);
          return feeds.hot(q).compose(ids -> page(viewerId, ids, limit, (long) offset + ids.size()))
            .map(p -> p.put("personalized", personal));
        }));
    }).map(p -> p.put("sort", sort.wire()));
  }

  /**
   * Renders the selected ids; a full page gets {@code nextCursor}: the last id, or {@code position}
   * for a ranked list.
   */
  private Future<JsonObject> page(long viewerId, List<Long> ids, int limit, Long position) {
    Future<List<JsonObject>> rendered = ids.isEmpty() ? Future.succeededFuture(List.of()) : views.render(viewerId, ids);
    return rendered.map(items -> {
      JsonObject page = new JsonObject().put("items", new JsonArray(List.copyOf(items)));
      if (ids.size() == limit) {
        page.put("nextCursor", Long.toString(position != null ? position : ids.get(ids.size() - 1)));
      }
      return page;
    });
  }

  /** The two discovery orders. */
  enum DiscoverSort {
    RECENT, HOT;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
