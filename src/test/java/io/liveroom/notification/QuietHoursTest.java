package io.liveroom.notification;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The push decision: the kind's push setting, then the quiet hours in the user's own time zone")
class QuietHoursTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  @DisplayName("A window over midnight holds late evening and early morning, not midday; start inclusive, end exclusive")
  void overMidnight() {
    QuietHours q = new QuietHours(22 * 60, 7 * 60, SHANGHAI);
    assertThat(q.contains(Instant.parse("2026-01-10T14:30:00Z"))).as("22:30 local").isTrue();
    assertThat(q.contains(Instant.parse("2026-01-10T14:00:00Z"))).as("22:00 local").isTrue();
    assertThat(q.contains(Instant.parse("2026-01-10T22:59:00Z"))).as("06:59 local").isTrue();
    assertThat(q.contains(Instant.parse("2026-01-10T23:00:00Z"))).as("07:00 local").isFalse();
    assertThat(q.contains(Instant.parse("2026-01-10T04:00:00Z"))).as("12:00 local").isFalse();
  }

  @Test
  @DisplayName("A daytime window, an empty window (start = end), and the zone's daylight saving time")
  void sameDayAndZones() {
    QuietHours work = new QuietHours(9 * 60, 17 * 60, BERLIN);
    assertThat(work.contains(Instant.parse("2026-01-10T08:30:00Z"))).as("09:30 CET").isTrue();
    assertThat(work.contains(Instant.parse("2026-07-10T15:30:00Z"))).as("17:30 CEST").isFalse();
    assertThat(work.contains(Instant.parse("2026-01-10T15:30:00Z"))).as("16:30 CET").isTrue();
    assertThat(new QuietHours(600, 600, BERLIN).contains(Instant.parse("2026-01-10T09:00:00Z"))).isFalse();
  }

  @Test
  @DisplayName("Push only with the kind's push setting on and outside the quiet hours; no quiet hours means any time")
  void decision() {
    QuietHours night = new QuietHours(22 * 60, 7 * 60, SHANGHAI);
    Instant lateNight = Instant.parse("2026-01-10T15:00:00Z");
    Instant noon = Instant.parse("2026-01-10T04:00:00Z");
    assertThat(PushDecision.shouldPush(true, night, lateNight)).isFalse();
    assertThat(PushDecision.shouldPush(true, night, noon)).isTrue();
    assertThat(PushDecision.shouldPush(false, night, noon)).isFalse();
    assertThat(PushDecision.shouldPush(true, null, lateNight)).isTrue();
  }
}
