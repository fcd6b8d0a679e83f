package io.liveroom.social;

import io.liveroom.account.UserSummary;
import io.liveroom.config.SocialConfig;
import io.liveroom.room.Room;
import io.liveroom.room.RoomsCapability;
import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Search for people (nicknames), rooms (titles and categories, live rooms first) and posts (text). Results leave
 * out everyone with a block either way with the caller, and accounts that are not active
 * (cancelled, banned, suspended): for rooms, rooms whose host is such an account. The query is
 * remembered in the caller's history only while their setting is on; a failure to remember it is
 * logged and does not fail the search.
 */
final class SearchService {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  /** Rooms fetched per result slot, to fill the page after hosts are filtered out. */
  private static final int ROOM_OVERSAMPLE = 2;

  private final Accounts accounts;
  private final RoomsCapability rooms;
  private final BlockService blocks;
  private final SearchHistoryRepository history;
  private final SocialConfig config;
  /** Set once by the bootstrap, before the node serves requests. */
  private volatile PostsForSearch posts = (viewer, terms, limit) ->
    Future.failedFuture(new IllegalStateException("post search is not wired"));

  SearchService(Accounts accounts, RoomsCapability rooms, BlockService blocks, SearchHistoryRepository history,
                SocialConfig config) {
    this.accounts = accounts;
    this.rooms = rooms;
    this.blocks = blocks;
    this.history = history;
    this.config = config;
  }

  /**
   * {@code type} is {@code users}, {@code rooms} or {@code posts} (their visibility rules, blocks
   * included, are the post capability's); {@code query} is trimmed and not empty. The
   * history write and (for rooms, which filter hosts after the lookup) the block lookup run beside
   * the search instead of before or after it, so a request waits for the slowest of them, not their
   * sum; the answer still waits for the history write, so a search is in the history when it returns.
   */
  Future<JsonObject> search(long userId, String type, String query, int limit) {
    SearchTerms terms = SearchTerms.of(query);
    Future<Void> remembered = remember(userId, query);
    Future<Set<Long>> blocked = blocks.allEitherWay(userId);
    Future<JsonArray> items = switch (type) {
      case "rooms" -> rooms(terms, blocked, limit);
      case "posts" -> posts.search(userId, terms, limit).map(JsonArray::new);
      default -> blocked.compose(ids -> users(terms, ids, limit));
    };
    return Future.all(items, remembered).map(v -> new JsonObject().put("type", type).put("query", query)
      .put("items", items.result()));
  }

  void usePosts(PostsForSearch posts) {
    this.posts = posts;
  }

  private Future<JsonArray> users(SearchTerms terms, Set<Long> blocked, int limit) {
    return accounts.people().search(terms, blocked, limit).map(found -> {
      JsonArray out = new JsonArray();
      found.forEach(u -> out.add(Accounts.card(u)));
      return out;
    });
  }

  private Future<JsonArray> rooms(SearchTerms terms, Future<Set<Long>> blockedIds, int limit) {
    Future<List<Room>> matches = rooms.search(terms, limit * ROOM_OVERSAMPLE);
    return Future.all(matches, blockedIds).compose(both -> {
      Set<Long> blocked = blockedIds.result();
      List<Room> open = matches.result().stream().filter(r -> !blocked.contains(r.hostId())).toList();
      return accounts.summaries(open.stream().map(Room::hostId).distinct().toList()).map(hosts -> {
        JsonArray out = new JsonArray();
        for (Room r : open) {
          UserSummary host = hosts.get(r.hostId());
          if (host != null && host.active() && out.size() < limit) {
            out.add(new JsonObject().put("id", r.id()).put("title", r.title()).put("category", r.category())
              .put("coverUrl", r.coverUrl()).put("live", r.live()).put("host", Accounts.card(host)));
          }
        }
        return out;
      });
    });
  }

  private Future<Void> remember(long userId, String query) {
    return history.record(userId, query, config.historySize()).<Void>mapEmpty()
      .recover(e -> {
        LOG.warn("Search history of user {} not recorded: {}", userId, e.toString());
        return Future.succeededFuture();
      });
  }

  Future<JsonObject> history(long userId) {
    Future<Boolean> recording = history.recording(userId);
    Future<List<SearchHistoryRepository.Entry>> entries = history.list(userId, config.historySize());
    return Future.all(recording, entries).map(all -> {
      JsonArray items = new JsonArray();
      entries.result().forEach(e -> items.add(new JsonObject().put("id", e.id()).put("query", e.query())
        .put("searchedAt", e.searchedAt().toInstant().toString())));
      return new JsonObject().put("recordHistory", recording.result()).put("items", items);
    });
  }

  Future<Void> forget(long userId, long entryId) {
    return history.delete(userId, entryId);
  }

  Future<Void> clear(long userId) {
    return history.clear(userId);
  }

  Future<JsonObject> setRecording(long userId, boolean on) {
    return history.setRecording(userId, on).map(v -> new JsonObject().put("recordHistory", on));
  }
}
