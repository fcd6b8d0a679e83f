package io.liveroom.room;

import io.liveroom.error.AppException;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat's block check with the last answer kept per (host, viewer) pair, used only when the check
 * itself cannot be answered (PostgreSQL down). Every message still asks the block list, so a new
 * block refuses the very next message; but chat must keep going through a database outage (as the
 * cached sender profiles let it), so a pair this node has already checked gets its last answer
 * while the database is away. A pair never checked before stays refused by the failure, the safe
 * side, as a user never seen before cannot chat during an outage either. Bounded: cleared when it
 * grows past its limit.
 */
final class LastKnownBlocks implements ChatBlocks {
  private static final int MAX_ENTRIES = 200_000;

  private final ChatBlocks blocks;
  private final Map<Pair, Boolean> lastKnown = new ConcurrentHashMap<>();

  LastKnownBlocks(ChatBlocks blocks) {
    this.blocks = blocks;
  }

  private record Pair(long hostId, long userId) {
  }

  @Override
  public Future<Boolean> blockedEitherWay(long hostId, long userId) {
    Pair pair = new Pair(hostId, userId);
    return blocks.blockedEitherWay(hostId, userId).map(blocked -> {
      if (lastKnown.size() >= MAX_ENTRIES) {
        lastKnown.clear();
      }
      lastKnown.put(pair, blocked);
      return blocked;
    }).recover(failure -> {
      Boolean known = lastKnown.get(pair);
      boolean definite = failure instanceof AppException app && !app.code().temporary();
      return known == null || definite ? Future.failedFuture(failure) : Future.succeededFuture(known);
    });
  }
}
