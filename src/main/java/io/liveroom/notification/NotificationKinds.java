package io.liveroom.notification;

import java.util.List;

/**
 * The kinds of notification, as stored in {@code notifications.kind} and named in the settings
 * (docs/NOTIFICATIONS.md describes each with its subject, payload and dedupe key).
 */
public final class NotificationKinds {
  /** A followed host went live; written by the going-live fan-out, dedupe key {@code live/<sessionId>}. */
  public static final String GOING_LIVE = "going_live";
  /** Someone started following the user. */
  public static final String NEW_FOLLOWER = "new_follower";
  /** A gift arrived in the user's room. */
  public static final String GIFT_RECEIVED = "gift_received";
  /** The user was muted, kicked or banned in a room. */
  public static final String MODERATION = "moderation";
  /** The user's data export is ready to download. */
  public static final String EXPORT_READY = "export_ready";
  /** The user's account cancellation is scheduled. */
  public static final String CANCELLATION_SCHEDULED = "cancellation_scheduled";
  /** Someone commented on, liked or shared one of the user's posts (wired when posts land). */
  public static final String POST_COMMENT = "post_comment";
  public static final String POST_LIKE = "post_like";
  public static final String POST_SHARE = "post_share";

  /** Every kind, in the order the settings list them. */
  public static final List<String> ALL = List.of(GOING_LIVE, NEW_FOLLOWER, GIFT_RECEIVED, MODERATION, EXPORT_READY,
    CANCELLATION_SCHEDULED, POST_COMMENT, POST_LIKE, POST_SHARE);

  private NotificationKinds() {
  }
}
