package io.liveroom;

import io.liveroom.notification.NotificationKinds;
import io.liveroom.notification.Notifier;
import io.liveroom.post.PostNotices;
import io.liveroom.privacy.PrivacyNotices;
import io.liveroom.reward.GiftListener;
import io.liveroom.reward.GiftReceipt;
import io.liveroom.room.ModerationNotices;
import io.liveroom.social.FollowListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * Social's, rewards', rooms', privacy's and posts' seams answered with notifications (wiring only: which
 * kind, subject, payload and dedupe key each event becomes; the rules are the notifier's).
 */
final class NotificationSources implements FollowListener, GiftListener, ModerationNotices, PrivacyNotices, PostNotices {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationSources.class);

  private final Notifier notifier;

  NotificationSources(Notifier notifier) {
    this.notifier = notifier;
  }

  /** One notice per follower: following again after an unfollow does not notify again. */
  @Override
  public void followed(long followerId, long followeeId) {
    logged(notifier.notify(followeeId, NotificationKinds.NEW_FOLLOWER, followerId, "user/" + followerId,
      new JsonObject().put("followerId", followerId), "follower/" + followerId), followeeId);
  }

  @Override
  public void giftCommitted(GiftReceipt receipt, long hostId, long liveSessionId) {
    logged(notifier.notify(hostId, NotificationKinds.GIFT_RECEIVED, receipt.senderId(), "room/" + receipt.roomId(),
      new JsonObject().put("roomId", receipt.roomId()).put("giftId", receipt.giftId()).put("count", receipt.count())
        .put("coins", receipt.coins()), "gift/" + receipt.transactionId()), hostId);
  }

  @Override
  public void restricted(long roomId, long userId, String action, Long seconds) {
    logged(notifier.notify(userId, NotificationKinds.MODERATION, null, "room/" + roomId,
      new JsonObject().put("roomId", roomId).put("action", action).put("seconds", seconds), null), userId);
  }

  @Override
  public void exportReady(long userId, UUID exportId, Instant expiresAt) {
    logged(notifier.notify(userId, NotificationKinds.EXPORT_READY, null, "export/" + exportId,
      new JsonObject().put("exportId", exportId.toString()).put("expiresAt", expiresAt.toString()),
      "export/" + exportId), userId);
  }

  @Override
  public void cancellationScheduled(long userId, Instant eraseAfter) {
    logged(notifier.notify(userId, NotificationKinds.CANCELLATION_SCHEDULED, null, "account/" + userId,
      new JsonObject().put("eraseAfter", eraseAfter.toString()), null), userId);
  }

  /** One notice per comment. */
  @Override
  public void commented(long postAuthorId, long actorId, long postId, long commentId) {
    logged(notifier.notify(postAuthorId, NotificationKinds.POST_COMMENT, actorId, "post/" + postId,
      new JsonObject().put("postId", postId).put("commentId", commentId), "comment/" + commentId), postAuthorId);
  }

  /** One notice per user and post: liking again after an unlike does not notify again. */
  @Override
  public void liked(long postAuthorId, long actorId, long postId) {
    logged(notifier.notify(postAuthorId, NotificationKinds.POST_LIKE, actorId, "post/" + postId,
      new JsonObject().put("postId", postId), "like/" + postId + "/" + actorId), postAuthorId);
  }

  @Override
  public void shared(long postAuthorId, long actorId, long postId, long shareId) {
    logged(notifier.notify(postAuthorId, NotificationKinds.POST_SHARE, actorId, "post/" + postId,
      new JsonObject().put("postId", postId).put("shareId", shareId), "share/" + shareId), postAuthorId);
  }

  private static void logged(Future<Void> delivery, long userId) {
    delivery.onFailure(e -> LOG.warn("A notification for user {} was not delivered: {}", userId, e.toString()));
  }
}
