package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deleting pictures: one the owner deletes, orphans past the grace period (the sweeper, run by
 * privacy's scheduler on every node as the retention target {@code media_orphans}), and a user's
 * every picture at erasure. Rows are deleted in a transaction that also deletes the stored
 * variants; a store failure rolls the rows back, so the next run tries again (deleting from the
 * store is idempotent). Concurrent sweeps on several nodes skip each other's rows (SKIP LOCKED); a
 * reference added while a sweep holds the row waits for it and then fails on the vanished row.
 */
final class MediaLifecycle implements RetentionTarget {
  private static final Logger LOG = LoggerFactory.getLogger(MediaLifecycle.class);

  private final MediaRepository repository;
  private final MediaStore store;
  private final MediaService service;

  MediaLifecycle(MediaRepository repository, MediaStore store, MediaService service) {
    this.repository = repository;
    this.store = store;
    this.service = service;
  }

  @Override
  public String name() {
    return "media_orphans";
  }

  /** {@code cutoff} is compared with when an object last lost its last reference (or was uploaded). */
  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return repository.pool().withTransaction(tx -> repository.sweep(tx, cutoff, limit)
      .compose(ids -> deleteStored(ids).map(ids.size())))
      .onSuccess(n -> {
        if (n > 0) {
          LOG.info("Deleted {} pictures left unreferenced since before {}", n, cutoff);
        }
      });
  }

  Future<Void> deleteOwn(long ownerId, UUID id) {
    return service.owned(ownerId, id).compose(m -> repository.deleteOne(id, ownerId)).compose(deleted -> {
      if (!deleted) {
        return repository.referencedBy(id).compose(refs -> Future.failedFuture(AppException.of(ErrorCode.MEDIA_NOT_USABLE,
          "This picture is in use (" + String.join(", ", refs) + "); replace it there first.")));
      }
      return deleteStored(List.of(id));
    });
  }

  /** Deletes every variant of each object from the store (idempotent). */
  Future<Void> deleteStored(List<UUID> ids) {
    List<Future<Void>> deletes = new ArrayList<>();
    for (UUID id : ids) {
      for (Variant v : Variant.values()) {
        deletes.add(store.delete(v.key(id)));
      }
    }
    return Future.all(deletes).mapEmpty();
  }
}
