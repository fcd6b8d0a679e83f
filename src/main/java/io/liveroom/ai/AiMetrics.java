package io.liveroom.ai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AI dialogue meters: time to first token, output tokens per second, active generations,
 * generations by outcome (cancellations included), and upstream errors by stable code.
 */
public final class AiMetrics {
  private final MeterRegistry registry;
  private final String provider;
  private final AtomicInteger active = new AtomicInteger();
  private final Timer firstToken;
  private final DistributionSummary tokensPerSecond;

  public AiMetrics(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
    Gauge.builder("ai.generations.active", active, AtomicInteger::get)
      .description("Generations streaming on this node").tag("provider", provider).register(registry);
    firstToken = Timer.builder("ai.time.to.first.token").description("From request to the first delta")
      .tag("provider", provider).publishPercentiles(0.5, 0.95, 0.99).register(registry);
    tokensPerSecond = DistributionSummary.builder("ai.tokens.per.second")
      .description("Output tokens per second of each finished generation").tag("provider", provider)
      .register(registry);
  }

  void started() {
    active.incrementAndGet();
  }

  void firstToken(Duration latency) {
    firstToken.record(latency);
  }

  /** One finished generation: status is complete, cancelled or error; code is the error code if any. */
  void ended(String status, String code, int outputTokens, Duration elapsed) {
    active.decrementAndGet();
    Counter.builder("ai.generations").description("Finished generations by outcome")
      .tag("provider", provider).tag("status", status).register(registry).increment();
    if (code != null && code.startsWith("ai_upstream") || "ai_generation_too_long".equals(code)) {
      Counter.builder("ai.upstream.errors").description("Upstream failures by stable code")
        .tag("provider", provider).tag("code", code).register(registry).increment();
    }
    if (outputTokens > 0 && elapsed.toMillis() > 0) {
      tokensPerSecond.record(outputTokens * 1000.0 / elapsed.toMillis());
    }
  }
}
