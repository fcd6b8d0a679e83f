package io.liveroom.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The real-time core's meters ({@code realtime_*} in Prometheus): connections, subscriptions,
 * commands per type, publications in and deliveries out, disconnects per code (slow clients
 * included), recoveries, and the Redis round trip. Deliveries are counted by the hubs in plain
 * fields and read on scrape, so the hot path pays no atomic per delivery.
 */
final class RealtimeMetrics {
  private final MeterRegistry registry;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final Counter publicationsIn;
  private final Counter slow;
  private final Timer redisRtt;
  private final Map<String, Counter> commands = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> disconnects = new ConcurrentHashMap<>();

  RealtimeMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("realtime.connections", connections, AtomicLong::get)
      .description("Open client connections on this node").register(registry);
    Gauge.builder("realtime.subscriptions", subscriptions, AtomicLong::get)
      .description("Channel subscriptions of this node's connections").register(registry);
    publicationsIn = Counter.builder("realtime.publications.in")
      .description("Publications received from the broker").register(registry);
    slow = Counter.builder("realtime.slow.dropped")
      .description("Connections dropped because they did not read their pushes").register(registry);
    redisRtt = Timer.builder("realtime.redis.rtt").description("Redis PING round trip")
      .publishPercentiles(0.5, 0.99).register(registry);
  }

  <T> void deliveries(T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder("realtime.publications.out", source, count)
      .description("Pushes of publications queued to clients").register(registry);
  }

  void connectionOpened() {
    connections.incrementAndGet();
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  void subscriptionAdded() {
    subscriptions.incrementAndGet();
  }

  void subscriptionRemoved() {
    subscriptions.decrementAndGet();
  }

  void publicationReceived() {
    publicationsIn.increment();
  }

  void slowDropped() {
    slow.increment();
  }

  void command(String type) {
    commands.computeIfAbsent(type, t -> Counter.builder("realtime.commands").tag("type", t)
      .description("Client commands by type").register(registry)).increment();
  }

  void disconnected(DisconnectCode code) {
    disconnects.computeIfAbsent(code.code(), c -> Counter.builder("realtime.disconnects")
      .tag("code", Integer.toString(c)).tag("reason", code.reason())
      .description("Server-initiated disconnects by code").register(registry)).increment();
  }

  void recovery(boolean recovered) {
    Counter.builder("realtime.recoveries").tag("recovered", Boolean.toString(recovered))
      .description("Subscriptions that asked to recover").register(registry).increment();
  }

  void redisRoundTrip(long nanos) {
    redisRtt.record(nanos, TimeUnit.NANOSECONDS);
  }

  long connections() {
    return connections.get();
  }
}
