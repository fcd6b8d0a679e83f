package io.liveroom.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A run's latency summary counts every recorded latency, ticked or not")
class StatsTest {
  @Test
  @DisplayName("A Stats that is never ticked (the going-live scenario's chat during the fan-out) still reports its latencies")
  void untickedStatsReportTheirLatencies() {
    Stats during = new Stats();
    long intended = System.nanoTime();
    during.latency(intended, intended + 3_000_000);
    during.latency(intended, intended + 7_000_000);

    assertThat(during.latencySummary().getLong("count")).isEqualTo(2);
    assertThat(during.latencySummary().getDouble("maxMs")).isBetween(6.9, 7.1);
  }

  @Test
  @DisplayName("Latencies folded by a tick are counted once, beside those recorded after it")
  void tickedAndPendingAreCountedOnce() {
    Stats stats = new Stats();
    long intended = System.nanoTime();
    stats.latency(intended, intended + 1_000_000);
    stats.tick();
    stats.latency(intended, intended + 2_000_000);

    assertThat(stats.latencySummary().getLong("count")).isEqualTo(2);
    stats.tick();
    assertThat(stats.latencySummary().getLong("count")).isEqualTo(2);
  }
}
