package io.liveroom.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How late work runs on each event loop, the first sign that a non-blocking node is overloaded or
 * that something blocks a loop: every {@code interval}, a probe scheduled on each loop records how
 * long after its due time it ran ({@code event_loop_delay_seconds}, tagged with the loop).
 * Everything else on that loop (socket reads, writes, timers) waited as long.
 */
final class EventLoopDelay {
  private EventLoopDelay() {
  }

  static void start(Vertx vertx, MeterRegistry registry, Duration interval) {
    int index = 0;
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      Timer delay = Timer.builder("event.loop.delay")
        .description("How late a probe scheduled every " + interval.toMillis() + " ms ran on this event loop")
        .tag("loop", Integer.toString(index++))
        .publishPercentiles(0.5, 0.99)
        .register(registry);
      probe(loop, delay, interval.toNanos());
    }
  }

  private static void probe(EventExecutor loop, Timer delay, long intervalNanos) {
    long due = System.nanoTime() + intervalNanos;
    try {
      loop.schedule(() -> {
        delay.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
        probe(loop, delay, intervalNanos);
      }, intervalNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      // The loop is shutting down with Vert.x: nothing left to watch.
    }
  }
}
