package io.liveroom.youth;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Youth mode's personal data: the settings row ({@code youthMode}, never the password hash, only
 * whether one is set) and the stored daily usage ({@code youthUsage}: kind, day, seconds).
 * Erasure deletes both, and today's usage counters in Redis (which expire within two days anyway).
 * The audit rows of changes are the shared audit log's, handled with it.
 */
final class YouthPersonalData implements PersonalDataSource {
  private final YouthRepository repo;
  private final YouthUsageRepository usageStore;
  private final UsageCounter usage;
  private final YouthService service;

  YouthPersonalData(YouthRepository repo, YouthUsageRepository usageStore, UsageCounter usage, YouthService service) {
    this.repo = repo;
    this.usageStore = usageStore;
    this.usage = usage;
    this.service = service;
  }

  @Override
  public List<String> categories() {
    return List.of("youthMode", "youthUsage");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return repo.exportRow(userId).compose(found -> out.object("youthMode", found.orElse(null)))
      .compose(v -> usageStore.export(out, "youthUsage", userId));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return service.mode(userId).compose(m -> usage.forget(userId, m.zone())).otherwiseEmpty()
      .compose(v -> repo.delete(tx, userId)).compose(v -> usageStore.delete(tx, userId));
  }
}
