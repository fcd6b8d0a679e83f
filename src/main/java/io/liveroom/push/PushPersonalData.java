package io.liveroom.push;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * The user's registered push devices (platform, provider, token, app id, when registered). Erasure
 * deletes them. Freezing needs no step: cancellation ends every session, which removes the
 * session's devices. Tokens not registered again within {@code push.devices.retentionDays} are purged.
 */
final class PushPersonalData implements PersonalDataSource {
  private final DeviceRepository devices;

  PushPersonalData(DeviceRepository devices) {
    this.devices = devices;
  }

  @Override
  public List<String> categories() {
    return List.of("pushDevices");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return devices.export(userId, out);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return devices.erase(tx, userId);
  }

  static RetentionTarget staleDevices(DeviceRepository devices) {
    return RetentionTarget.of("push_devices", devices::purgeOlderThan);
  }
}
