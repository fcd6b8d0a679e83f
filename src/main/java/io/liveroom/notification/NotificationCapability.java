package io.liveroom.notification;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.NotificationsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.realtime.Realtime;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * The notification capability: each user's inbox, their per-kind settings, quiet hours and muted
 * hosts, and live delivery on the personal channel. It owns {@code notifications},
 * {@code notification_settings}, {@code notification_quiet_hours} and
 * {@code notification_muted_hosts}. Other capabilities notify through {@link #notifier}, reached
 * by adapters in the bootstrap from seams they own (social's follow listener, rewards' gift
 * listener, rooms' moderation notices, privacy's notices); blocks are asked through
 * {@link NotificationBlocks}, pushes handed to a {@link PushGateway}.
 */
public final class NotificationCapability implements Capability {
  private final Notifier notifier;
  private final List<HttpRoutes> routes;
  private final NotificationPersonalData personalData;
  private final List<RetentionRule> retention;

  public NotificationCapability(Platform platform, Realtime realtime, PeopleDirectory people, NotificationBlocks blocks,
                                PushGateway push, BearerAuth auth) {
    Pool pool = platform.pool();
    NotificationsConfig config = platform.config().notifications();
    InboxRepository inbox = new InboxRepository(pool);
    SettingsRepository settings = new SettingsRepository(pool);
    this.notifier = new Notifier(inbox, settings, blocks, people, realtime, push, platform.clock());
    this.routes = List.of(new InboxRoutes(new InboxService(inbox, people), auth, config.pageMax()),
      new SettingsRoutes(new SettingsService(settings, people), auth));
    this.personalData = new NotificationPersonalData(new NotificationDataRepository(pool));
    this.retention = List.of(new RetentionRule(NotificationPersonalData.inbox(inbox), config.retentionDays()));
  }

  @Override
  public String name() {
    return "notification";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  /** Inbox items are purged after {@code notifications.retentionDays}. */
  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /** The one way to notify a user. */
  public Notifier notifier() {
    return notifier;
  }
}
