package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An upload's way from the temporary file to stored variants: on a media worker, sniff the type
 * from the first bytes, check the header's dimensions, decode the first frame and encode the
 * variants without metadata ({@link ImageProcessor}); then store every variant, record the object,
 * and, when it is to be public, ask moderation before it becomes so.
 */
final class MediaUploads {
  private final WorkerExecutor workers;
  private final ImageProcessor processor;
  private final MediaStore store;
  private final MediaRepository repository;
  private final Publication publication;
  private final Clock clock;

  MediaUploads(WorkerExecutor workers, ImageProcessor processor, MediaStore store, MediaRepository repository,
               Publication publication, Clock clock) {
    this.workers = workers;
    this.processor = processor;
    this.store = store;
    this.repository = repository;
    this.publication = publication;
    this.clock = clock;
  }

  /** Stores the picture in {@code file} for {@code ownerId}; the stored object, after moderation when public. */
  Future<MediaObject> upload(long ownerId, String purpose, boolean makePublic, Path file) {
    return workers.executeBlocking(() -> processor.process(file, sniff(file)), false)
      .compose(result -> {
        UUID id = UUID.randomUUID();
        long bytes = result.variants().values().stream().mapToLong(v -> v.bytes().length).sum();
        MediaObject stored = new MediaObject(id, ownerId, purpose, "private", "pending", result.source().wire,
          result.contentType(), result.width(), result.height(), bytes, clock.instant(), false);
        return putAll(id, result.variants())
          .compose(v -> repository.insert(stored))
          .compose(v -> makePublic ? publication.publish(stored, result.variants().get(Variant.MEDIUM).bytes())
            : Future.succeededFuture(stored));
      });
  }

  private Future<Void> putAll(UUID id, Map<Variant, ImageProcessor.Encoded> variants) {
    List<Future<Void>> puts = new ArrayList<>();
    variants.forEach((variant, encoded) ->
      puts.add(store.put(variant.key(id), Buffer.buffer(encoded.bytes()), encoded.contentType())));
    return Future.all(puts).mapEmpty();
  }

  private static ImageType sniff(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(ImageType.HEAD_BYTES);
    }
    return ImageType.sniff(head).orElseThrow(() -> AppException.of(ErrorCode.MEDIA_TYPE_UNSUPPORTED,
      "The file is not a JPEG, PNG, WebP or GIF picture (its content was checked, not its name)."));
  }

  static JsonObject describe(MediaObject m) {
    return new JsonObject().put("id", m.id().toString()).put("purpose", m.purpose()).put("visibility", m.visibility())
      .put("moderation", m.moderation()).put("contentType", m.contentType()).put("width", m.width())
      .put("height", m.height()).put("bytes", m.bytes()).put("createdAt", m.createdAt().toString());
  }
}
