package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code simulated} image provider, a stand-in: no model runs. It renders a deterministic
 * pattern ({@link PatternRenderer}) for the prompt at the requested size, after
 * {@code partialImages} low-resolution previews, one every {@code stepMs}. Rendering and PNG
 * encoding run on the {@code ai-paint} worker pool, never on the event loop.
 */
public final class SimulatedImageProvider implements ImageProvider {
  public static final String NAME = "simulated";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedImageProvider.class);

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final PaintConfig.Simulated config;

  public SimulatedImageProvider(Vertx vertx, WorkerExecutor workers, PaintConfig.Simulated config) {
    this.vertx = vertx;
    this.workers = workers;
    this.config = config;
    LOG.info("AI painting provider is 'simulated' (a stand-in): pictures are rendered patterns, {} preview(s) every {} ms",
      config.partialImages(), config.stepMs());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ImageJob open(ImageRequest request) {
    Job job = new Job(vertx.getOrCreateContext(), request);
    job.step(1);
    return job;
  }

  /** Walks the timeline: a preview per step, then the picture; each rendering on a worker. */
  private final class Job extends BaseImageJob {
    private final ImageRequest request;
    private long timer = -1;

    Job(Context context, ImageRequest request) {
      super(context);
      this.request = request;
    }

    void step(int n) {
      onContext(() -> {
        if (done()) {
          return;
        }
        boolean last = n > config.partialImages();
        timer = vertx.setTimer(Math.max(1, config.stepMs()), id -> {
          timer = -1;
          render(last, n);
        });
      });
    }

    private void render(boolean last, int n) {
      if (done()) {
        return;
      }
      int w = request.width();
      int h = request.height();
      if (!last) {
        double scale = (double) config.previewSide() / Math.max(w, h);
        w = Math.max(1, (int) Math.round(w * scale));
        h = Math.max(1, (int) Math.round(h * scale));
      }
      int width = w;
      int height = h;
      double detail = last ? 1.0 : (double) n / (config.partialImages() + 1);
      workers.executeBlocking(() -> PatternRenderer.render(request.prompt(), request.style(), width, height, detail), false)
        .onComplete(r -> onContext(() -> {
          if (r.failed()) {
            LOG.error("Simulated painting failed to render", r.cause());
            fail(io.liveroom.error.AppException.of(io.liveroom.error.ErrorCode.AI_UPSTREAM_UNAVAILABLE,
              "The picture could not be rendered."));
          } else if (last) {
            finish(Buffer.buffer(r.result()));
          } else {
            preview(Buffer.buffer(r.result()));
            step(n + 1);
          }
        }));
    }

    @Override
    protected void release(boolean abort) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
