package io.liveroom;

import io.liveroom.post.FeedFollows;
import io.liveroom.social.SocialCapability;
import io.vertx.core.Future;

import java.util.List;
import java.util.Set;

/** Feeds' view of the follow graph, answered by the social capability (wiring only, no rules here). */
final class SocialFeedFollows implements FeedFollows {
  private final SocialCapability social;

  SocialFeedFollows(SocialCapability social) {
    this.social = social;
  }

  @Override
  public Future<List<Long>> followees(long userId) {
    return social.followeeIds(userId);
  }

  @Override
  public Future<Set<Long>> blockedEitherWay(long userId) {
    return social.blocks().allEitherWay(userId);
  }
}
