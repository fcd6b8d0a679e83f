package io.liveroom.room;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Over its publish budget a room sheds likes first, then chat, never critical notices")
class PublishBudgetTest {
  @Test
  @DisplayName("With a budget of 100/s, a burst passes half as likes, all as chat, and critical always passes")
  void priorities() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Time stands still, so no token refills between the bursts: the counts are exact.
    PublishBudget budget = new PublishBudget(100, registry, () -> 1_000_000_000L);
    int likes = 0;
    for (int i = 0; i < 200; i++) {
      likes += budget.admit(1, Priority.LOW) ? 1 : 0;
    }
    // Low priority stops once half the bucket is used: chat keeps the other half.
    assertThat(likes).isEqualTo(51);
    int chat = 0;
    for (int i = 0; i < 200; i++) {
      chat += budget.admit(1, Priority.NORMAL) ? 1 : 0;
    }
    assertThat(chat).isEqualTo(49);
    for (int i = 0; i < 500; i++) {
      assertThat(budget.admit(1, Priority.CRITICAL)).isTrue();
    }
    assertThat(budget.admit(1, Priority.NORMAL)).isFalse();
    assertThat(budget.admit(2, Priority.NORMAL)).as("another room has its own budget").isTrue();
    assertThat(registry.get("liveroom.room.publications.shed").tag("priority", "low").counter().count())
      .isEqualTo(200 - likes);
    assertThat(registry.get("liveroom.room.publications.shed").tag("priority", "normal").counter().count())
      .isEqualTo(200 - chat + 1);
    assertThat(registry.get("liveroom.room.publications.shed").tag("priority", "critical").counter().count()).isZero();
  }
}
