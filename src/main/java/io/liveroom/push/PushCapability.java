package io.liveroom.push;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.PushConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Mobile push: device tokens per user and session ({@code push_devices}), and delivery through the
 * provider {@code push.provider} names ({@code fcm}, {@code apns}, the {@code dev-outbox} stand-in,
 * or {@code off}). Notifications reach it through {@link #service}; accounts' "session ended"
 * events reach {@link #devices} through the bootstrap, so a logged-out phone stops receiving pushes.
 */
public final class PushCapability implements Capability {
  private final PushService service;
  private final DeviceService devices;
  private final List<HttpRoutes> routes;
  private final PushPersonalData personalData;
  private final List<RetentionRule> retention;

  /** Reads the provider's key files, so it runs on a worker (see {@link Capability}). */
  public PushCapability(Platform platform, BearerAuth auth) {
    PushConfig config = platform.config().push();
    DeviceRepository rows = new DeviceRepository(platform.pool());
    PushSender sender = PushSenders.create(platform.vertx(), config, platform.clock());
    PushDeliveries deliveries = sender == null ? null
      : new PushDeliveries(platform.vertx(), sender, rows, config, platform.meters());
    this.service = new PushService(rows, sender, deliveries);
    this.devices = new DeviceService(rows, config.maxDevicesPerUser());
    List<HttpRoutes> all = new ArrayList<>(List.of(new DeviceRoutes(devices, auth)));
    if (sender instanceof DevOutboxPushSender outbox) {
      all.add(new DevPushOutboxRoutes(outbox, auth));
    }
    this.routes = List.copyOf(all);
    this.personalData = new PushPersonalData(rows);
    this.retention = List.of(new RetentionRule(PushPersonalData.staleDevices(rows), config.deviceRetentionDays()));
  }

  @Override
  public String name() {
    return "push";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /** Sends a notification to a user's devices: fire-and-forget (what notifications call). */
  public PushService service() {
    return service;
  }

  /** Device tokens; {@link DeviceService#sessionEnded} is what the bootstrap calls when a session ends. */
  public DeviceService devices() {
    return devices;
  }
}
