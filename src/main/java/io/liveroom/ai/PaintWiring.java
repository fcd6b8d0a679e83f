package io.liveroom.ai;

import io.liveroom.capability.Platform;
import io.liveroom.config.PaintConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.time.Clock;

/**
 * AI painting's parts, built for {@link AiCapability}: the configured image provider (rendering on
 * the {@code ai-paint} worker pool), quotas, previews, the socket service and the HTTP routes.
 */
final class PaintWiring {
  private final Platform platform;
  private final WorkerExecutor workers;
  private final PaintRepository repo;
  private final Paintings paintings;
  private final PreviewStore previews;
  private final PaintService service;
  private final Path uploadsDir;
  private final PaintPersonalData personalData;

  PaintWiring(Platform platform, Realtime realtime, ContentModerator moderator) {
    this.platform = platform;
    Vertx vertx = platform.vertx();
    PaintConfig config = platform.config().ai().paint();
    this.workers = vertx.createSharedWorkerExecutor("ai-paint", Math.max(2, Runtime.getRuntime().availableProcessors()));
    ImageProvider provider = config.provider().equals(OpenAiImageProvider.NAME)
      ? new OpenAiImageProvider(vertx, config.openai())
      : new SimulatedImageProvider(vertx, workers, config.simulated());
    this.repo = new PaintRepository(vertx, platform.pool());
    PaintQuotas quotas = new PaintQuotas(platform.redis(), repo, config.quota(), leaseMs(config), Clock.systemUTC());
    this.paintings = new Paintings(provider, quotas, repo, moderator, config);
    this.previews = new PreviewStore(platform.redis(), config.previewTtlSeconds());
    this.service = new PaintService(realtime, paintings, previews);
    this.uploadsDir = Path.of(platform.config().dataDir(), "ai-uploads").toAbsolutePath();
    this.personalData = new PaintPersonalData(repo);
  }

  /** A lease outlives the longest possible painting, then frees itself. */
  private static long leaseMs(PaintConfig config) {
    long longest = config.provider().equals(OpenAiImageProvider.NAME) ? config.openai().maxDurationSeconds() * 1000L
      : (config.simulated().partialImages() + 1L) * config.simulated().stepMs() + 60_000;
    return longest + 60_000;
  }

  Future<Void> start() {
    return platform.vertx().fileSystem().mkdirs(uploadsDir.toString());
  }

  Future<Void> stop() {
    return workers.close().otherwiseEmpty();
  }

  HttpRoutes imagesRoutes(BearerAuth auth) {
    return new ImagesRoutes(auth, paintings, uploadsDir, platform.config().media().maxBytes());
  }

  HttpRoutes galleryRoutes(BearerAuth auth) {
    return new GalleryRoutes(auth, paintings, previews);
  }

  PersonalDataSource personalData() {
    return personalData;
  }

  PaintRepository repo() {
    return repo;
  }

  Paintings paintings() {
    return paintings;
  }

  PaintService service() {
    return service;
  }
}
