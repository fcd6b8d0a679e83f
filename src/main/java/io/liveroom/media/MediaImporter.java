package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * {@link MediaImports} over the upload pipeline: the bytes are written to a temporary file in the
 * uploads directory (asynchronously) and go through {@link MediaUploads} exactly as an upload
 * does; the file is deleted whatever the outcome.
 */
final class MediaImporter implements MediaImports {
  private final FileSystem fs;
  private final Path uploadsDir;
  private final MediaUploads uploads;
  private final MediaService service;
  private final MediaRepository repository;
  private final MediaLifecycle lifecycle;
  private final MediaStore store;
  private final SignedUrls urls;
  private final java.time.Duration signedTtl;
  private final Clock clock;

  MediaImporter(FileSystem fs, Path uploadsDir, MediaUploads uploads, MediaService service, MediaRepository repository,
                MediaLifecycle lifecycle, MediaStore store, SignedUrls urls, java.time.Duration signedTtl, Clock clock) {
    this.fs = fs;
    this.uploadsDir = uploadsDir;
    this.uploads = uploads;
    this.service = service;
    this.repository = repository;
    this.lifecycle = lifecycle;
    this.store = store;
    this.urls = urls;
    this.signedTtl = signedTtl;
    this.clock = clock;
  }

  @Override
  public Future<Imported> importPicture(long ownerId, String purpose, Buffer bytes, String kind, String refId) {
    String file = uploadsDir.resolve("import-" + UUID.randomUUID()).toString();
    return fs.writeFile(file, bytes)
      .compose(v -> uploads.upload(ownerId, purpose, false, Path.of(file)))
      .compose(m -> repository.attach(m.id(), kind, refId, clock.instant()).map(v -> imported(m)))
      .eventually(() -> fs.delete(file).otherwiseEmpty());
  }

  @Override
  public Future<Imported> links(long ownerId, UUID id) {
    return service.owned(ownerId, id).map(this::imported);
  }

  @Override
  public Future<Buffer> original(long ownerId, UUID id) {
    return service.owned(ownerId, id).compose(m -> store.get(Variant.ORIGINAL.key(m.id())));
  }

  @Override
  public Future<Void> deleteReferenced(long ownerId, UUID id, String kind, String refId) {
    return service.detach(kind, refId).compose(v -> lifecycle.deleteOwn(ownerId, id)
      .recover(e -> e instanceof io.liveroom.error.AppException app
        && app.code() == io.liveroom.error.ErrorCode.MEDIA_NOT_FOUND ? Future.succeededFuture() : Future.failedFuture(e)));
  }

  private Imported imported(MediaObject m) {
    Instant expires = clock.instant().plus(signedTtl);
    return new Imported(m.id(), m.width(), m.height(), urls.signedUrl(m.id(), Variant.ORIGINAL, expires),
      urls.signedUrl(m.id(), Variant.THUMB, expires));
  }
}
