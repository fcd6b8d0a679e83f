package io.liveroom.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Retry backoff doubles per attempt up to the cap, with jitter in the upper half")
class PushBackoffTest {
  @Test
  @DisplayName("Attempt n waits between half and all of initial * 2^(n-1), never more than the cap, and varies")
  void exponentialWithJitter() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(PushDeliveries.delay(1, 1000, 60_000)).isBetween(500L, 1000L);
      assertThat(PushDeliveries.delay(4, 1000, 60_000)).isBetween(4000L, 8000L);
      long capped = PushDeliveries.delay(20, 1000, 60_000);
      assertThat(capped).isBetween(30_000L, 60_000L);
      seen.add(capped);
    }
    assertThat(seen.size()).as("jitter").isGreaterThan(10);
    assertThat(PushDeliveries.delay(64, 1000, 60_000)).as("no overflow at large attempts").isBetween(30_000L, 60_000L);
  }
}
