package io.liveroom.ai;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * AI painting's personal data. Export: the gallery (what each picture was made from, with its media
 * id; the pictures themselves are in media's part of the export) and the painting usage ledger.
 * Erasure: the gallery rows (prompts are the user's words); the pictures are erased by media with
 * the rest of the user's media objects; usage rows hold no content and stay with the anonymized
 * account for accounting, as dialogue's do.
 */
final class PaintPersonalData implements PersonalDataSource {
  private final PaintRepository repo;

  PaintPersonalData(PaintRepository repo) {
    this.repo = repo;
  }

  @Override
  public List<String> categories() {
    return List.of("aiImages", "aiImageUsage");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return repo.exportImages(out, "aiImages", userId, r -> new JsonObject()
        .put("mediaId", r.getUUID("media_id").toString()).put("generationId", r.getUUID("generation_id").toString())
        .put("prompt", r.getString("prompt")).put("size", r.getString("size")).put("style", r.getString("style"))
        .put("createdAt", r.getOffsetDateTime("created_at").toString()))
      .compose(v -> repo.exportUsage(out, "aiImageUsage", userId, r -> new JsonObject()
        .put("generationId", r.getUUID("generation_id").toString()).put("surface", r.getString("surface"))
        .put("provider", r.getString("provider")).put("size", r.getString("size")).put("status", r.getString("status"))
        .put("errorCode", r.getString("error_code")).put("images", r.getInteger("images"))
        .put("createdAt", r.getOffsetDateTime("created_at").toString())));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return repo.eraseImages(tx, userId);
  }
}
