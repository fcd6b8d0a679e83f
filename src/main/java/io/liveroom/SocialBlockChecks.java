package io.liveroom;

import io.liveroom.geo.BlockedPairs;
import io.liveroom.notification.NotificationBlocks;
import io.liveroom.reward.GiftBlocks;
import io.liveroom.room.ChatBlocks;
import io.liveroom.social.BlockService;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.Set;

/** Rooms', rewards', Nearby's and notifications' block checks, answered by the social capability (wiring only, no rules here). */
final class SocialBlockChecks implements ChatBlocks, GiftBlocks, BlockedPairs, NotificationBlocks {
  private final BlockService blocks;

  SocialBlockChecks(BlockService blocks) {
    this.blocks = blocks;
  }

  @Override
  public Future<Boolean> blockedEitherWay(long hostId, long userId) {
    return blocks.eitherWay(hostId, userId);
  }

  @Override
  public Future<Set<Long>> blockedAmong(long viewerId, Collection<Long> candidates) {
    return blocks.blockedAmong(viewerId, candidates);
  }
}
