package io.liveroom.media;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A user's uploaded pictures: exported as a list with signed links valid as long as the export's
 * download link; hidden from everyone while the account is in its cancellation cooling-off period
 * (public URLs answer 404, signed ones too); deleted, rows and stored bytes, at erasure whatever
 * the erasure mode (a picture is the person's, not a contribution to others' history).
 */
final class MediaPersonalData implements PersonalDataSource {
  private final MediaRepository repository;
  private final MediaLifecycle lifecycle;
  private final SignedUrls urls;
  private final Duration linkTtl;
  private final Clock clock;

  MediaPersonalData(MediaRepository repository, MediaLifecycle lifecycle, SignedUrls urls, Duration linkTtl, Clock clock) {
    this.repository = repository;
    this.lifecycle = lifecycle;
    this.urls = urls;
    this.linkTtl = linkTtl;
    this.clock = clock;
  }

  @Override
  public List<String> categories() {
    return List.of("media");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    Instant expires = clock.instant().plus(linkTtl);
    return out.query(repository.pool(), "media", MediaRepository.EXPORT, Tuple.of(userId), row -> {
      MediaObject m = MediaObject.from(row);
      JsonObject links = new JsonObject();
      for (Variant v : Variant.values()) {
        links.put(v.wire, urls.signedUrl(m.id(), v, expires));
      }
      return MediaUploads.describe(m).put("urls", links);
    });
  }

  @Override
  public Future<Void> freeze(long userId) {
    return repository.freeze(userId, true);
  }

  @Override
  public Future<Void> restore(long userId) {
    return repository.freeze(userId, false);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return repository.erase(tx, userId).compose(lifecycle::deleteStored);
  }
}
