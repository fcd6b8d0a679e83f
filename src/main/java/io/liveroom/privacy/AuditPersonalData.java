package io.liveroom.privacy;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Audit entries about the user (they are the subject, or acted themselves). Exported without the
 * acting staff member's id when someone else acted (the user learns what was done, not by whom).
 * Erasure keeps the entries (security records, until audit retention removes them) and removes
 * the IP addresses of the user's own entries.
 */
final class AuditPersonalData implements PersonalDataSource {
  private final AuditTrailRepository entries;

  AuditPersonalData(AuditTrailRepository entries) {
    this.entries = entries;
  }

  @Override
  public List<String> categories() {
    return List.of("auditLog");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return entries.exportEntries(out, "auditLog", userId, r -> {
      Long actor = r.getLong("actor_id");
      boolean self = actor != null && actor == userId;
      return new io.vertx.core.json.JsonObject().put("at", Times.iso(r.getOffsetDateTime("at")))
        .put("action", r.getString("action")).put("byYou", self).put("targetType", r.getString("target_type"))
        .put("targetId", r.getString("target_id")).put("ip", self ? r.getString("ip") : null)
        .put("detail", self ? r.getJsonObject("detail") : null);
    });
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return entries.forgetIps(tx, userId);
  }
}
