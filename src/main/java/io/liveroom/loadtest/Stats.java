package io.liveroom.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run measures: latencies in microseconds in an HdrHistogram {@link Recorder} (thread-safe,
 * read as one interval per second), counters, and one timeline row per second. Latencies are taken
 * from the <em>intended</em> send time of a fixed schedule, so a stalled sender does not hide the
 * stall (coordinated omission): the messages it should have sent meanwhile carry the delay.
 */
public final class Stats {
  static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

  public final LongAdder sent = new LongAdder();
  public final LongAdder received = new LongAdder();
  public final LongAdder errors = new LongAdder();
  public final LongAdder connected = new LongAdder();
  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);
  private final List<JsonObject> timeline = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private long lastSent;
  private long lastReceived;
  private Histogram interval;
  private volatile long measureFromNanos = Long.MIN_VALUE;

  /** Latencies of messages intended before now + {@code warmupNanos} are not recorded (JIT warm-up). */
  public void warmup(long warmupNanos) {
    measureFromNanos = System.nanoTime() + warmupNanos;
  }

  /** Whether a message intended at this time counts (it is past the warm-up). */
  public boolean measured(long intendedNanos) {
    return intendedNanos >= measureFromNanos;
  }

  /** Records one latency, from the intended send time to the receive time, both {@link System#nanoTime()}. */
  public void latency(long intendedNanos, long receivedNanos) {
    if (!measured(intendedNanos)) {
      return;
    }
    recorder.recordValue(micros(intendedNanos, receivedNanos));
  }

  /** A latency in microseconds, within the histograms' range. */
  static long micros(long intendedNanos, long receivedNanos) {
    return Math.min(MAX_MICROS, Math.max(0, (receivedNanos - intendedNanos) / 1000));
  }

  /** Closes one second: folds its histogram into the total and returns its timeline row. */
  synchronized JsonObject tick() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    long s = sent.sum();
    long r = received.sum();
    JsonObject row = new JsonObject()
      .put("t", Math.round((System.nanoTime() - startNanos) / 1e9))
      .put("sentPerSec", s - lastSent)
      .put("receivedPerSec", r - lastReceived)
      .put("connections", connected.sum())
      .put("errors", errors.sum())
      .put("p50Ms", ms(interval.getValueAtPercentile(50)))
      .put("p99Ms", ms(interval.getValueAtPercentile(99)))
      .put("maxMs", ms(interval.getMaxValue()));
    lastSent = s;
    lastReceived = r;
    timeline.add(row);
    return row;
  }

  synchronized Histogram total() {
    return total.copy();
  }

  synchronized List<JsonObject> timeline() {
    return new ArrayList<>(timeline);
  }

  /**
   * Percentiles of the whole run in milliseconds, including latencies recorded since the last
   * {@link #tick}: a Stats nobody ticks (the going-live scenario's chat during the fan-out) would
   * otherwise report none at all, which read as "no chat arrived while the job ran".
   */
  synchronized JsonObject latencySummary() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return summary(total);
  }

  /** Count and percentiles in milliseconds of a histogram of microseconds. */
  static JsonObject summary(Histogram h) {
    JsonObject o = new JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return o;
    }
    return o.put("p50Ms", ms(h.getValueAtPercentile(50))).put("p90Ms", ms(h.getValueAtPercentile(90)))
      .put("p99Ms", ms(h.getValueAtPercentile(99))).put("p999Ms", ms(h.getValueAtPercentile(99.9)))
      .put("maxMs", ms(h.getMaxValue())).put("meanMs", Math.round(h.getMean()) / 1000.0);
  }

  synchronized JsonArray timelineJson() {
    return new JsonArray(new ArrayList<>(timeline));
  }

  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
