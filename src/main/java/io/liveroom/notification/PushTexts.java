package io.liveroom.notification;

import io.liveroom.account.UserSummary;

/**
 * The title and body of a push, per kind. The actor's nickname is read when the push is made and
 * travels only in the push itself; nothing of it is stored.
 */
final class PushTexts {
  private PushTexts() {
  }

  static String title(String kind) {
    return switch (kind) {
      case NotificationKinds.GOING_LIVE -> "Live now";
      case NotificationKinds.NEW_FOLLOWER -> "New follower";
      case NotificationKinds.GIFT_RECEIVED -> "Gift received";
      case NotificationKinds.MODERATION -> "Room moderation";
      case NotificationKinds.EXPORT_READY -> "Your data export is ready";
      case NotificationKinds.CANCELLATION_SCHEDULED -> "Account cancellation scheduled";
      case NotificationKinds.POST_COMMENT -> "New comment";
      case NotificationKinds.POST_LIKE -> "New like";
      case NotificationKinds.POST_SHARE -> "Your post was shared";
      default -> "Liveroom";
    };
  }

  static String body(String kind, UserSummary actor) {
    String who = actor != null && actor.active() ? actor.nickname() : "Someone";
    return switch (kind) {
      case NotificationKinds.GOING_LIVE -> who + " is live now.";
      case NotificationKinds.NEW_FOLLOWER -> who + " started following you.";
      case NotificationKinds.GIFT_RECEIVED -> who + " sent you a gift.";
      case NotificationKinds.MODERATION -> "A moderator restricted you in a room.";
      case NotificationKinds.EXPORT_READY -> "Download it from the privacy page before the link expires.";
      case NotificationKinds.CANCELLATION_SCHEDULED -> "Sign in before the erasure date to withdraw it.";
      case NotificationKinds.POST_COMMENT -> who + " commented on your post.";
      case NotificationKinds.POST_LIKE -> who + " liked your post.";
      case NotificationKinds.POST_SHARE -> who + " shared your post.";
      default -> "You have a new notification.";
    };
  }
}
