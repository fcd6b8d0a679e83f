package io.liveroom.youth;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Youth mode's personal data: the settings row (never the password hash, only whether one is
 * set). Erasure deletes the row; the daily usage counters in Redis hold only durations and expire
 * within two days (the erasure deletes today's too). The audit rows of changes are the shared
 * audit log's, handled with it.
 */
final class YouthPersonalData implements PersonalDataSource {
  private final YouthRepository repo;
  private final UsageCounter usage;
  private final YouthService service;

  YouthPersonalData(YouthRepository repo, UsageCounter usage, YouthService service) {
    this.repo = repo;
    this.usage = usage;
    this.service = service;
  }

  @Override
  public List<String> categories() {
    return List.of("youthMode");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return repo.exportRow(userId).compose(found -> out.object("youthMode", found.orElse(null)));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return service.mode(userId).compose(m -> usage.forget(userId, m.zone())).otherwiseEmpty()
      .compose(v -> repo.delete(tx, userId));
  }
}
