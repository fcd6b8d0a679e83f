package io.liveroom.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The stamped upstream's tokens are found in a delta, also when the relay joined several")
class StampedUpstreamTest {
  @Test
  @DisplayName("One stamp, several joined stamps, and text without stamps")
  void stamps() {
    assertThat(StampedUpstream.stamps(" t123")).containsExactly(123L);
    assertThat(StampedUpstream.stamps(" t5 t6 t70000000000")).containsExactly(5L, 6L, 70_000_000_000L);
    assertThat(StampedUpstream.stamps("[simulated] the t word")).isEmpty();
    assertThat(StampedUpstream.stamps("")).isEmpty();
  }
}
