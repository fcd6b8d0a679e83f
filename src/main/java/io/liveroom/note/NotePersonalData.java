package io.liveroom.note;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Notes in the privacy flows. Export writes every note (a picture note names its {@code mediaId};
 * the picture itself, with its links, is in media's {@code media} category). Freeze hides the
 * notes during the cancellation cooling-off period and restore shows them again. Erasure deletes
 * them whatever the mode (they are the user's own, no one else's history); media erases the
 * pictures. Retention deletes notes not edited for {@code notes.retentionDays} and releases their
 * pictures, which the sweeper then deletes.
 */
final class NotePersonalData implements PersonalDataSource, RetentionTarget {
  private static final Logger LOG = LoggerFactory.getLogger(NotePersonalData.class);
  private final NoteRepository repo;
  private final NotePictures pictures;

  NotePersonalData(NoteRepository repo, NotePictures pictures) {
    this.repo = repo;
    this.pictures = pictures;
  }

  @Override
  public List<String> categories() {
    return List.of("notes");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return repo.export(out, "notes", userId, row -> Note.from(row).toJson());
  }

  @Override
  public Future<Void> freeze(long userId) {
    return repo.freeze(userId, true);
  }

  @Override
  public Future<Void> restore(long userId) {
    return repo.freeze(userId, false);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return repo.erase(tx, userId);
  }

  @Override
  public String name() {
    return "notes";
  }

  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return repo.purge(cutoff, limit).compose(purged -> Future.join(purged.withPicture().stream()
        .map(id -> pictures.release(id).onFailure(e -> LOG.warn("Purged note {}: picture not released: {}", id,
          e.toString()))).toList())
      .transform(v -> Future.succeededFuture(purged.count())));
  }
}
