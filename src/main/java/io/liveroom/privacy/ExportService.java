package io.liveroom.privacy;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Data exports (the right of access and copy). A request is recorded at once and generated in the
 * background on the requesting node: every registered {@link PersonalDataSource} streams its
 * categories into one JSON file under {@code <data.dir>/exports}; nothing is held in memory beyond
 * one cursor fetch. A document missing a category a source declared is a failed export, never a
 * silently partial one. At most {@code maxPerDay} exports per user in any 24 hours.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): a request's queries are
 * its caller's, and the generation runs in the background on the caller's context, where its file
 * and its cursor live; it completes no one's future.
 */
final class ExportService {
  private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

  private final Vertx vertx;
  private final ExportRepository repository;
  private final List<PersonalDataSource> sources;
  private final DownloadLinks links;
  private final Path dir;
  private final int maxPerDay;
  private final Duration linkTtl;
  private final Clock clock;

  ExportService(Vertx vertx, ExportRepository repository, List<PersonalDataSource> sources, DownloadLinks links,
                Path dir, int maxPerDay, Duration linkTtl, Clock clock) {
    this.vertx = vertx;
    this.repository = repository;
    this.sources = sources;
    this.links = links;
    this.dir = dir;
    this.maxPerDay = maxPerDay;
    this.linkTtl = linkTtl;
    this.clock = clock;
  }

  /** Records the request (or refuses it over the daily limit) and starts generating. */
  Future<JsonObject> request(long userId, long requestedBy) {
    Instant now = clock.instant();
    return repository.since(userId, now.minus(Duration.ofDays(1))).compose(recent -> {
      if (recent.count() >= maxPerDay) {
        long retry = Math.max(1, Duration.between(now, recent.oldest().toInstant().plus(Duration.ofDays(1))).toSeconds());
        return Future.failedFuture(AppException.retryAfter(ErrorCode.EXPORT_LIMIT_REACHED,
          "At most " + maxPerDay + " exports per day.", retry));
      }
      UUID id = UUID.randomUUID();
      return repository.insert(id, userId, requestedBy, now).map(v -> {
        generate(id, userId);
        return new JsonObject().put("id", id.toString()).put("status", "pending")
          .put("requestedAt", now.toString());
      });
    });
  }

  /** The status, and while it is ready and unexpired, the signed download link. */
  Future<JsonObject> status(UUID id, long userId) {
    return repository.findOwn(id, userId).map(found -> {
      ExportRepository.Export e = found.orElseThrow(() -> AppException.of(ErrorCode.EXPORT_NOT_FOUND, "No such export."));
      JsonObject json = e.toJson();
      if ("ready".equals(e.status()) && e.expiresAt().toInstant().isAfter(clock.instant())) {
        json.put("downloadUrl", links.link(id, e.expiresAt().toInstant()));
      }
      return json;
    });
  }

  /** The file of a ready export, for a valid, unexpired link. */
  Future<Path> download(UUID id, long expires, String sig) {
    if (!links.valid(id, expires, sig)) {
      return Future.failedFuture(AppException.of(ErrorCode.EXPORT_NOT_FOUND, "No such export."));
    }
    return repository.find(id).map(found -> {
      ExportRepository.Export e = found.orElseThrow(() -> AppException.of(ErrorCode.EXPORT_NOT_FOUND, "No such export."));
      boolean expired = clock.instant().getEpochSecond() >= expires || !"ready".equals(e.status())
        || e.expiresAt().toInstant().getEpochSecond() != expires;
      if (expired) {
        throw AppException.of(ErrorCode.EXPORT_LINK_EXPIRED, "This download link has expired; request a new export.");
      }
      return file(id);
    });
  }

  Path file(UUID id) {
    return dir.resolve(id + ".json");
  }

  private void generate(UUID id, long userId) {
    String path = file(id).toString();
    vertx.fileSystem().mkdirs(dir.toString())
      .compose(v -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true)))
      .compose(file -> write(file, userId).eventually(file::close))
      .compose(v -> vertx.fileSystem().props(path))
      .compose(props -> {
        Instant now = clock.instant();
        return repository.markReady(id, now, now.plus(linkTtl), props.size())
          .onSuccess(x -> LOG.info("Export {} of user {} ready ({} bytes)", id, userId, props.size()));
      })
      .recover(e -> {
        LOG.error("Export {} of user {} failed: {}", id, userId, e.toString());
        return repository.markFailed(id, e.getClass().getSimpleName())
          .eventually(() -> vertx.fileSystem().delete(path).otherwiseEmpty());
      });
  }

  private Future<Void> write(AsyncFile file, long userId) {
    ExportWriter out = new ExportWriter(file);
    Future<Void> chain = out.begin(userId, clock.instant().toString());
    for (PersonalDataSource source : sources) {
      chain = chain.compose(v -> source.export(userId, out));
    }
    return chain.compose(v -> {
      Set<String> missing = new HashSet<>();
      sources.forEach(s -> missing.addAll(s.categories()));
      missing.removeAll(out.written());
      return missing.isEmpty() ? out.end()
        : Future.failedFuture(new IllegalStateException("export is missing categories " + missing));
    });
  }
}
