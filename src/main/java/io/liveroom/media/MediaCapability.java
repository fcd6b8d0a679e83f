package io.liveroom.media;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.config.MediaConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.util.List;

/**
 * Uploaded pictures: upload with type sniffing, limits and metadata stripping, variants made on
 * the {@code media} worker pool, storage in a backend every node shares ({@code filesystem} or
 * {@code s3}), public and signed serving, moderation before a picture becomes public, references
 * from other capabilities ({@link MediaReferences}), and their lifecycle (the orphan sweeper,
 * export, cooling-off and erasure). See docs/MEDIA.md.
 */
public final class MediaCapability implements Capability {
  private final WorkerExecutor workers;
  private final MediaStore store;
  private final MediaService service;
  private final MediaModeration moderation;
  private final Path uploadsDir;
  private final Platform platform;
  private final List<HttpRoutes> routes;
  private final List<PersonalDataSource> personalData;
  private final List<RetentionRule> retention;
  private final MediaImports imports;

  public MediaCapability(Platform platform, BearerAuth auth) {
    this.platform = platform;
    AppConfig app = platform.config();
    MediaConfig config = app.media();
    this.workers = platform.vertx().createSharedWorkerExecutor("media", config.workers());
    this.store = config.storage().s3() ? new S3Store(workers, config.storage())
      : new FileSystemStore(platform.vertx().fileSystem(), storageDir(app));
    this.uploadsDir = Path.of(app.dataDir(), "media-uploads").toAbsolutePath();
    MediaRepository repository = new MediaRepository(platform.pool());
    SignedUrls urls = new SignedUrls(config.signingSecret().isEmpty() ? app.auth().jwtSecret() : config.signingSecret(),
      app.http().publicBaseUrl());
    ImageModerator moderator = "http".equals(config.moderation().provider())
      ? new HttpImageModerator(platform.vertx(), config.moderation()) : ImageModerator.none();
    Publication publication = new Publication(moderator, repository, store);
    this.service = new MediaService(repository, store, urls, publication, config.signedUrlTtl(), platform.clock());
    this.moderation = new MediaModeration(service, publication);
    MediaLifecycle lifecycle = new MediaLifecycle(repository, store, service);
    ImageProcessor processor = new ImageProcessor(new ImageProcessor.Limits(config.maxPixels(), config.maxSide(),
      config.mediumSide(), config.thumbSide()));
    MediaUploads uploads = new MediaUploads(workers, processor, store, repository, publication, platform.clock());
    this.imports = new MediaImporter(platform.vertx().fileSystem(), uploadsDir, uploads, service, repository, lifecycle,
      store, urls, config.signedUrlTtl(), platform.clock());
    this.routes = List.of(new MediaRoutes(auth, uploads, service, lifecycle, uploadsDir, config.maxBytes()));
    this.personalData = List.of(new MediaPersonalData(repository, lifecycle, urls, app.privacy().exportLinkTtl(),
      platform.clock()));
    this.retention = List.of(new RetentionRule(lifecycle, config.orphanGraceDays()));
  }

  private static Path storageDir(AppConfig app) {
    String dir = app.media().storage().dir();
    return dir.isEmpty() ? Path.of(app.dataDir(), "media") : Path.of(dir);
  }

  @Override
  public String name() {
    return "media";
  }

  @Override
  public Future<Void> start() {
    return platform.vertx().fileSystem().mkdirs(uploadsDir.toString()).compose(v -> store.start());
  }

  @Override
  public Future<Void> stop() {
    store.close();
    return workers.close().otherwiseEmpty();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return personalData;
  }

  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /** For profiles, rooms, posts and AI notes: mark pictures as used (see {@link MediaReferences}). */
  public MediaReferences references() {
    return service;
  }

  /** For AI painting: storing pictures a capability made (see {@link MediaImports}). */
  public MediaImports imports() {
    return imports;
  }

  /** For the reports queue: who owns a picture, and taking one down. */
  public MediaModeration moderation() {
    return moderation;
  }
}
