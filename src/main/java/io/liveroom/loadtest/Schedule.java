package io.liveroom.loadtest;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A fixed-rate schedule: the k-th event is due at {@code start + k / rate}. A 1 ms timer fires every
 * event that is due, passing its <em>intended</em> time; latency measured from that time includes
 * any delay of the sender itself (no coordinated omission). Stops after {@code duration}.
 */
final class Schedule {
  private final long startNanos;
  private final double intervalNanos;
  private final long total;
  private long fired;

  Schedule(double perSecond, Duration duration) {
    this.startNanos = System.nanoTime();
    this.intervalNanos = 1e9 / perSecond;
    this.total = (long) Math.floor(perSecond * duration.toNanos() / 1e9);
  }

  /** Fires every due event; returns false once all {@code total} have fired. */
  boolean fireDue(LongConsumer event) {
    long now = System.nanoTime();
    while (fired < total) {
      long intended = startNanos + (long) (fired * intervalNanos);
      if (intended > now) {
        break;
      }
      fired++;
      event.accept(intended);
    }
    return fired < total;
  }

  long fired() {
    return fired;
  }

  /** Runs the schedule on a 1 ms periodic timer; {@code onEnd} runs once all events fired. */
  static void start(Vertx vertx, double perSecond, Duration duration, LongConsumer event, Runnable onEnd) {
    Schedule s = new Schedule(perSecond, duration);
    if (s.total == 0) {
      onEnd.run();
      return;
    }
    vertx.setPeriodic(1, id -> {
      if (!s.fireDue(event)) {
        vertx.cancelTimer(id);
        onEnd.run();
      }
    });
  }
}
