package io.liveroom.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Prometheus registry per node: Vert.x's own metrics (HTTP, pools, event loops), the JVM, and
 * every capability's meters, scraped at {@code /metrics}.
 */
public final class Metrics {
  private static final Path STATM = Path.of("/proc/self/statm");
  private static final long PAGE_SIZE = 4096;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong residentBytes = new AtomicLong();
  /** The event loops of the Vert.x built with {@link #apply}'s options: one delay probe each. */
  private int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  public Metrics(String nodeId) {
    registry.config().commonTags("node", nodeId);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("process.resident.memory", residentBytes, AtomicLong::get)
      .baseUnit("bytes")
      .description("Resident set size of this process, refreshed every 5 s")
      .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public MicrometerMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /**
   * Turns Vert.x's own metrics on in {@code options}, and notes their event-loop count: the delay
   * probes of {@link #startSampling} watch each loop.
   */
  public VertxOptions apply(VertxOptions options) {
    eventLoops = options.getEventLoopPoolSize();
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  /**
   * Samples RSS on a worker every 5 s (reading /proc is file I/O, so never on an event loop), and
   * starts the event-loop delay probes.
   */
  public void startSampling(Vertx vertx) {
    sampleRss(vertx);
    vertx.setPeriodic(5_000, id -> sampleRss(vertx));
    EventLoopDelay.start(vertx, registry, Duration.ofMillis(100), eventLoops);
  }

  private void sampleRss(Vertx vertx) {
    vertx.executeBlocking(() -> {
      if (Files.isReadable(STATM)) {
        String[] fields = Files.readString(STATM).trim().split(" ");
        residentBytes.set(Long.parseLong(fields[1]) * PAGE_SIZE);
      }
      return null;
    }, false).recover(e -> {
      if (e instanceof IOException) {
        return io.vertx.core.Future.succeededFuture();
      }
      return io.vertx.core.Future.failedFuture(e);
    });
  }
}
