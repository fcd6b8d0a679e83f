package io.liveroom.notification;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * The user's inbox (actors as ids only), settings, quiet hours and muted hosts. Erasure deletes all
 * of it, mutes of the user by others too, and detaches the user as actor from others' items (so
 * no name of theirs can be looked up again). A frozen account needs no step: nothing is pushed to
 * a disconnected account's channel, and its inbox waits for a withdrawal or the erasure.
 */
final class NotificationPersonalData implements PersonalDataSource {
  private final NotificationDataRepository data;

  NotificationPersonalData(NotificationDataRepository data) {
    this.data = data;
  }

  @Override
  public List<String> categories() {
    return List.of("notifications", "notificationSettings", "notificationQuietHours", "notificationMutedHosts");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return data.export(userId, out);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return data.erase(tx, userId);
  }

  /** Inbox items, by age. */
  static RetentionTarget inbox(InboxRepository inbox) {
    return RetentionTarget.of("notifications", inbox::purgeOlderThan);
  }
}
