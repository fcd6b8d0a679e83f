package io.liveroom.youth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The curfew window is read in the user's zone and may wrap midnight")
class CurfewTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Curfew NIGHT = new Curfew(LocalTime.of(22, 0), LocalTime.of(6, 0));

  private static Instant shanghai(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  @Test
  @DisplayName("22:00-06:00 covers 22:00, 23:59, 00:00 and 05:59, and not 06:00, noon or 21:59")
  void wrapsMidnight() {
    assertThat(NIGHT.covers(shanghai("2026-12-03T22:00"), SHANGHAI)).isTrue();
    assertThat(NIGHT.covers(shanghai("2026-12-03T23:59"), SHANGHAI)).isTrue();
    assertThat(NIGHT.covers(shanghai("2026-12-04T00:00"), SHANGHAI)).isTrue();
    assertThat(NIGHT.covers(shanghai("2026-12-04T05:59"), SHANGHAI)).isTrue();
    assertThat(NIGHT.covers(shanghai("2026-12-04T06:00"), SHANGHAI)).isFalse();
    assertThat(NIGHT.covers(shanghai("2026-12-04T12:00"), SHANGHAI)).isFalse();
    assertThat(NIGHT.covers(shanghai("2026-12-04T21:59"), SHANGHAI)).isFalse();
  }

  @Test
  @DisplayName("The same instant is curfew in one zone and daytime in another")
  void zoneMatters() {
    Instant lateInShanghai = shanghai("2026-12-03T23:00");
    assertThat(NIGHT.covers(lateInShanghai, SHANGHAI)).isTrue();
    assertThat(NIGHT.covers(lateInShanghai, ZoneId.of("Europe/Paris"))).as("16:00 in Paris").isFalse();
  }

  @Test
  @DisplayName("A window that does not wrap, and an empty one (equal ends), read as such")
  void plainAndEmpty() {
    Curfew afternoon = new Curfew(LocalTime.of(13, 0), LocalTime.of(14, 0));
    assertThat(afternoon.covers(shanghai("2026-12-03T13:30"), SHANGHAI)).isTrue();
    assertThat(afternoon.covers(shanghai("2026-12-03T14:30"), SHANGHAI)).isFalse();
    assertThat(new Curfew(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).covers(shanghai("2026-12-03T00:00"), SHANGHAI)).isFalse();
  }
}
