package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.liveroom.personaldata.ExportWriter;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * AI painting's tables: the gallery ({@code ai_images}) and the usage ledger
 * ({@code ai_image_usage}). A usage insert that fails is retried with backoff a few times; it is
 * idempotent on the generation id.
 */
final class PaintRepository {
  private static final Logger LOG = LoggerFactory.getLogger(PaintRepository.class);
  private static final int ATTEMPTS = 4;

  /** A gallery row. */
  record GalleryImage(long id, UUID mediaId, String generationId, String prompt, String size, String style,
                      java.time.OffsetDateTime createdAt) {
  }

  /** Pictures per UTC day: started (any outcome) and made (complete). */
  record DayImages(LocalDate day, int started, int made) {
  }

  static final String INSERT_USAGE = """
    INSERT INTO ai_image_usage (user_id, generation_id, surface, provider, size, status, error_code, images,
                                first_preview_ms, duration_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (generation_id) DO NOTHING""";
  static final String INSERT_IMAGE = """
    INSERT INTO ai_images (media_id, user_id, generation_id, prompt, size, style) VALUES ($1, $2, $3, $4, $5, $6)""";
  static final String PAGE = """
    SELECT id, media_id, generation_id, prompt, size, style, created_at FROM ai_images
    WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3""";
  static final String FIND = """
    SELECT id, media_id, generation_id, prompt, size, style, created_at FROM ai_images
    WHERE user_id = $1 AND media_id = $2""";
  static final String DELETE = "DELETE FROM ai_images WHERE user_id = $1 AND media_id = $2";
  static final String DAYS = """
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS started,
           coalesce(sum(images), 0)::int AS made
    FROM ai_image_usage WHERE user_id = $1 AND created_at >= $2 GROUP BY 1 ORDER BY 1""";
  /** Pictures that count against the day's quota: every painting started since $2 but those that failed upstream (refunded). */
  static final String STARTED_SINCE = """
    SELECT count(*)::int AS started FROM ai_image_usage WHERE user_id = $1 AND created_at >= $2 AND status <> 'error'""";

  static final String EXPORT_IMAGES = """
    SELECT media_id, generation_id, prompt, size, style, created_at FROM ai_images WHERE user_id = $1 ORDER BY id""";
  static final String EXPORT_USAGE = """
    SELECT generation_id, surface, provider, size, status, error_code, images, created_at FROM ai_image_usage
    WHERE user_id = $1 ORDER BY id""";
  static final String ERASE_IMAGES = "DELETE FROM ai_images WHERE user_id = $1";

  private final Vertx vertx;
  private final Pool pool;

  PaintRepository(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  Future<Void> recordUsage(Painting p, PaintOutcome o, String provider) {
    Tuple row = Tuple.tuple().addLong(p.userId()).addUUID(UUID.fromString(p.id())).addString(p.surface())
      .addString(provider).addString(p.request().size()).addString(o.status())
      .addString(o.error() == null ? null : o.error().code()).addInteger(o.image() == null ? 0 : 1)
      .addInteger(p.firstPreviewMs()).addInteger((int) p.elapsedMs());
    return insertUsage(row, 1, 250);
  }

  private Future<Void> insertUsage(Tuple row, int attempt, long delayMs) {
    return pool.preparedQuery(INSERT_USAGE).execute(row).<Void>mapEmpty().recover(e -> {
      if (attempt >= ATTEMPTS) {
        LOG.error("Usage of painting {} for user {} not recorded after {} attempts: {}", row.getUUID(1),
          row.getLong(0), attempt, e.getMessage());
        return Future.failedFuture(e);
      }
      return vertx.timer(delayMs).compose(v -> insertUsage(row, attempt + 1, delayMs * 2));
    });
  }

  Future<Void> insertImage(UUID mediaId, long userId, String generationId, ImageRequest r) {
    return pool.preparedQuery(INSERT_IMAGE).execute(Tuple.of(mediaId, userId, UUID.fromString(generationId),
      r.prompt(), r.size(), r.style())).mapEmpty();
  }

  /** The user's pictures, newest first, after {@code cursor} (an {@code id}) when given. */
  Future<List<GalleryImage>> page(long userId, Long cursor, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(userId, cursor, limit)).map(rows -> {
      List<GalleryImage> out = new ArrayList<>();
      rows.forEach(r -> out.add(image(r)));
      return out;
    });
  }

  Future<Optional<GalleryImage>> find(long userId, UUID mediaId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(userId, mediaId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(image(rows.iterator().next())));
  }

  Future<Boolean> delete(long userId, UUID mediaId) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(userId, mediaId)).map(rows -> rows.rowCount() > 0);
  }

  Future<List<DayImages>> days(long userId, LocalDate from) {
    return pool.preparedQuery(DAYS).execute(Tuple.of(userId, from.atStartOfDay().atOffset(ZoneOffset.UTC)))
      .map(rows -> {
        List<DayImages> out = new ArrayList<>();
        rows.forEach(r -> out.add(new DayImages(r.getLocalDate("day"), r.getInteger("started"), r.getInteger("made"))));
        return out;
      });
  }

  /** How many of the user's paintings since {@code since} count against a daily quota. */
  Future<Integer> startedSince(long userId, java.time.OffsetDateTime since) {
    return pool.preparedQuery(STARTED_SINCE).execute(Tuple.of(userId, since))
      .map(rows -> rows.iterator().next().getInteger("started"));
  }

  Future<Void> exportImages(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, EXPORT_IMAGES, Tuple.of(userId), mapper);
  }

  Future<Void> exportUsage(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, EXPORT_USAGE, Tuple.of(userId), mapper);
  }

  Future<Void> eraseImages(SqlClient tx, long userId) {
    return tx.preparedQuery(ERASE_IMAGES).execute(Tuple.of(userId)).mapEmpty();
  }

  private static GalleryImage image(Row r) {
    return new GalleryImage(r.getLong("id"), r.getUUID("media_id"), r.getUUID("generation_id").toString(),
      r.getString("prompt"), r.getString("size"), r.getString("style"), r.getOffsetDateTime("created_at"));
  }
}
