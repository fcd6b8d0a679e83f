package io.liveroom;

import io.liveroom.post.PostRelations;
import io.liveroom.social.Relations;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.Set;

/** Posts' follows and blocks, answered by the social capability (wiring only, no rules here). */
final class SocialPostRelations implements PostRelations {
  private final Relations relations;

  SocialPostRelations(Relations relations) {
    this.relations = relations;
  }

  @Override
  public Future<Set<Long>> followedAmong(long viewerId, Collection<Long> userIds) {
    return relations.followedAmong(viewerId, userIds);
  }

  @Override
  public Future<Set<Long>> blockedAmong(long viewerId, Collection<Long> userIds) {
    return relations.blockedAmong(viewerId, userIds);
  }
}
