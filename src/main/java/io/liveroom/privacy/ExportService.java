package io.liveroom.privacy;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * categories into one JSON document stored in PostgreSQL in chunks ({@link ExportDocuments}), so
 * any node serves the download and any node's expiry job deletes it; nothing is held in memory
 * beyond one chunk and one cursor fetch, and nothing touches the local disk. A document missing a
 * category a source declared is a failed export, never a silently partial one. At most
 * {@code maxPerDay} exports per user in any 24 hours, enforced atomically by
 * {@link ExportRepository#insertUnderCap}.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): a request's queries are
 * its caller's, and the generation runs in the background on the caller's context, where its
 * cursor lives; it completes no one's future.
 */
final class ExportService {
  private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

  private final ExportRepository repository;
  private final ExportDocuments documents;
  private final List<PersonalDataSource> sources;
  private final DownloadLinks links;
  private final int maxPerDay;
  private final Duration linkTtl;
  private final Clock clock;
  private volatile PrivacyNotices notices = PrivacyNotices.NONE;

  ExportService(ExportRepository repository, ExportDocuments documents, List<PersonalDataSource> sources,
                DownloadLinks links, int maxPerDay, Duration linkTtl, Clock clock) {
    this.repository = repository;
    this.documents = documents;
    this.sources = sources;
    this.links = links;
    this.maxPerDay = maxPerDay;
    this.linkTtl = linkTtl;
    this.clock = clock;
  }

  /** Who is told when an export is ready (the bootstrap wires notifications). */
  void useNotices(PrivacyNotices notices) {
    this.notices = notices;
  }

  /** Records the request (or refuses it over the daily limit) and starts generating. */
  Future<JsonObject> request(long userId, long requestedBy) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    return repository.insertUnderCap(id, userId, requestedBy, now, now.minus(Duration.ofDays(1)), maxPerDay)
      .compose(refusedUntil -> {
        if (refusedUntil.isPresent()) {
          long retry = Math.max(1, Duration.between(now, refusedUntil.get()).toSeconds());
          return Future.failedFuture(AppException.retryAfter(ErrorCode.EXPORT_LIMIT_REACHED,
            "At most " + maxPerDay + " exports per day.", retry));
        }
        generate(id, userId);
        return Future.succeededFuture(new JsonObject().put("id", id.toString()).put("status", "pending")
          .put("requestedAt", now.toString()));
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

  /**
   * A ready export, for a valid, unexpired link. The link is the only way to a document: whoever
   * holds it (the owner it was handed to) reads it, on whichever node, and nobody else.
   */
  Future<ExportRepository.Export> download(UUID id, long expires, String sig) {
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
      return e;
    });
  }

  /** Sends the document of an export {@link #download} returned, then ends the response. */
  Future<Void> send(ExportRepository.Export export, HttpServerResponse response) {
    return documents.send(export.id(), export.sizeBytes(), response);
  }

  private void generate(UUID id, long userId) {
    StoredExportWriter out = new StoredExportWriter(documents, id);
    write(out, userId)
      .compose(size -> {
        Instant now = clock.instant();
        return repository.markReady(id, now, now.plus(linkTtl), size).compose(ready -> {
          if (ready) {
            LOG.info("Export {} of user {} ready ({} bytes)", id, userId, size);
            tell(() -> notices.exportReady(userId, id, now.plus(linkTtl)), userId);
            return Future.succeededFuture();
          }
          LOG.warn("Export {} of user {} finished after it was abandoned; its document is deleted", id, userId);
          return documents.delete(List.of(id));
        });
      })
      .recover(e -> {
        LOG.error("Export {} of user {} failed: {}", id, userId, e.toString());
        return repository.markFailed(id, e.getClass().getSimpleName());
      });
  }

  /** A notice never fails the export. */
  private static void tell(Runnable notice, long userId) {
    try {
      notice.run();
    } catch (RuntimeException e) {
      LOG.warn("The export-ready notice of user {} failed: {}", userId, e.toString());
    }
  }

  private Future<Long> write(StoredExportWriter out, long userId) {
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
