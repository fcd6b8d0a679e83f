package io.liveroom.social;

import io.liveroom.account.UserSummary;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Set;

/**
 * Blocks. A block stands in both directions: it removes follows either way (in the block's own
 * transaction, counts corrected), and from then on stops new follows, chat into the blocker's room
 * and the blocked user's room, gifts into them, Nearby listing and search results between the two.
 * Blocking and unblocking are idempotent. The either-way checks are what the other capabilities
 * ask, through the bootstrap.
 */
public final class BlockService {
  private final BlockRepository blocks;
  private final FollowService follows;
  private final FollowRepository followRows;
  private final Accounts accounts;

  BlockService(BlockRepository blocks, FollowService follows, FollowRepository followRows, Accounts accounts) {
    this.blocks = blocks;
    this.follows = follows;
    this.followRows = followRows;
    this.accounts = accounts;
  }

  /** Blocks {@code blocked}; a user that is unknown fails with {@code not_found}. */
  Future<Void> block(long blocker, long blocked) {
    if (blocker == blocked) {
      return Future.failedFuture(AppException.of(ErrorCode.BLOCK_SELF, "You cannot block yourself."));
    }
    return accounts.requireActive(blocked).recover(e -> e instanceof AppException a
        && a.code() == ErrorCode.USER_UNAVAILABLE ? Future.succeededFuture() : Future.failedFuture(e))
      .compose(u -> followRows.pool().withTransaction(tx -> blocks.insert(tx, blocker, blocked)
        .compose(v -> follows.removeBetween(tx, blocker, blocked))));
  }

  Future<Void> unblock(long blocker, long blocked) {
    return blocks.delete(blocker, blocked);
  }

  /** The caller's blocks, newest first. */
  Future<JsonObject> list(long blocker, Long cursor, int limit) {
    return blocks.page(blocker, cursor == null ? Long.MAX_VALUE : cursor, limit)
      .compose(entries -> accounts.summaries(entries.stream().map(BlockRepository.Entry::userId).toList()).map(users -> {
        JsonArray items = new JsonArray();
        for (BlockRepository.Entry e : entries) {
          UserSummary u = users.get(e.userId());
          JsonObject card = u == null ? new JsonObject().put("id", e.userId()) : Accounts.card(u);
          items.add(new JsonObject().put("user", card).put("since", e.since().toInstant().toString()));
        }
        JsonObject page = new JsonObject().put("items", items);
        if (entries.size() == limit) {
          page.put("nextCursor", Long.toString(entries.get(entries.size() - 1).cursor()));
        }
        return page;
      }));
  }

  /** True when either user blocked the other (chat, gifts). */
  public Future<Boolean> eitherWay(long a, long b) {
    return blocks.eitherWay(a, b);
  }

  /** Of the candidates, those with a block either way with the user (Nearby). */
  public Future<Set<Long>> blockedAmong(long userId, Collection<Long> candidates) {
    return blocks.blockedAmong(userId, candidates);
  }

  /** Everyone with a block either way with the user (search, feeds). */
  public Future<Set<Long>> allEitherWay(long userId) {
    return blocks.allEitherWay(userId);
  }
}
