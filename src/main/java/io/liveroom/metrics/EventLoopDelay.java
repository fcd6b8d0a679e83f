package io.liveroom.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How late work runs on each event loop, the first sign that a non-blocking node is overloaded or
 * that something blocks a loop: every {@code interval}, a probe scheduled on each loop records how
 * long after its due time it ran ({@code event_loop_delay_seconds}, tagged with the loop).
 * Everything else on that loop (socket reads, writes, timers) waited as long.
 *
 * <p>Only public Vert.x API: the probes are a deployment with one instance per event loop (Vert.x
 * gives the instances of one deployment the loops in turn, as it does the HTTP listeners), each a
 * timer on its instance's context. Vert.x cancels them when it closes.
 */
final class EventLoopDelay {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoopDelay.class);

  private EventLoopDelay() {
  }

  static void start(Vertx vertx, MeterRegistry registry, Duration interval, int loops) {
    AtomicInteger index = new AtomicInteger();
    long intervalMillis = Math.max(1, interval.toMillis());
    vertx.deployVerticle(() -> context -> {
      Timer delay = Timer.builder("event.loop.delay")
        .description("How late a probe scheduled every " + intervalMillis + " ms ran on this event loop")
        .tag("loop", Integer.toString(index.getAndIncrement()))
        .publishPercentiles(0.5, 0.99)
        .register(registry);
      probe(context, delay, intervalMillis);
      return Future.succeededFuture();
    }, new DeploymentOptions().setInstances(loops))
      .onFailure(e -> LOG.warn("Event-loop delay probes did not start: {}", e.toString()));
  }

  private static void probe(Context context, Timer delay, long intervalMillis) {
    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    context.owner().setTimer(intervalMillis, id -> {
      delay.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
      probe(context, delay, intervalMillis);
    });
  }
}
