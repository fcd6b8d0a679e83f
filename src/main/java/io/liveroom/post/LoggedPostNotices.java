package io.liveroom.post;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices written to the log at DEBUG only, until the notifications capability lands: the lead
 * replaces it with the notifications adapter at merge (one line in the bootstrap).
 */
public final class LoggedPostNotices implements PostNotices {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedPostNotices.class);

  @Override
  public void commented(long postAuthorId, long actorId, long postId, long commentId) {
    LOG.debug("User {} commented {} on post {} of user {}", actorId, commentId, postId, postAuthorId);
  }

  @Override
  public void liked(long postAuthorId, long actorId, long postId) {
    LOG.debug("User {} liked post {} of user {}", actorId, postId, postAuthorId);
  }

  @Override
  public void shared(long postAuthorId, long actorId, long postId, long shareId) {
    LOG.debug("User {} shared post {} of user {} as {}", actorId, postId, postAuthorId, shareId);
  }
}
