package io.liveroom.privacy;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Reports the user filed, with their status and outcome. Erasure keeps the report rows (moderation
 * evidence about someone else) but deletes the free-text details the reporter wrote.
 */
final class ReportPersonalData implements PersonalDataSource {
  private final ReportRepository reports;

  ReportPersonalData(ReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public List<String> categories() {
    return List.of("reportsFiled");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return reports.exportFiledBy(out, "reportsFiled", userId);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return reports.forgetDetails(tx, userId);
  }
}
