package io.liveroom.youth;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static io.liveroom.youth.YouthClients.errorCode;
import static io.liveroom.youth.YouthClients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily youth time survives Redis losing its data: the totals are copied to youth_usage at each
 * usage tick and a counter missing from Redis is rebuilt from that copy. The node's ticks run every
 * second on a clock the test moves.
 */
@DisplayName("Youth mode's daily time survives a Redis wipe: the day's total is rebuilt from PostgreSQL")
class YouthUsageAfterWipeTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("youth").put("tickSeconds", 1)).build();
  private static final TestHttp http = node.http();

  private static long liveSeconds(User u) {
    return YouthClients.status(http, u).getJsonObject("live").getLong("usedSeconds");
  }

  @Test
  @DisplayName("25 minutes watched, then FLUSHALL: the status still shows 25 minutes, and 20 more minutes cut the session off with 2050")
  void limitHoldsAfterWipe() {
    long room = YouthClients.liveRoom(node.get(), http);
    User kid = YouthClients.adult(node.get());
    String zone = YouthClients.zoneWhereNowIs(CLOCK, 12);
    YouthClients.turnOn(http, kid, zone);
    TestSocket phone = node.socket();
    phone.connect(kid.token());
    assertThat(subscribe(phone, room).containsKey("error")).as("subscribes").isFalse();
    CLOCK.advance(Duration.ofMinutes(25));
    Await.until("25 minutes counted", 10, () -> liveSeconds(kid) >= 25 * 60);
    Await.until("25 minutes copied to youth_usage", 10, () -> storedMs(kid.id()) >= 25 * 60_000L);

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    assertThat(liveSeconds(kid)).as("today's time after the wipe").isBetween(25 * 60L, 26 * 60L);
    String counter = "youth:used:live:" + kid.id() + ":"
      + LocalDate.ofInstant(CLOCK.instant(), ZoneId.of(zone)).format(DateTimeFormatter.BASIC_ISO_DATE);
    Await.until("the counter rebuilt in Redis by the next tick", 10,
      () -> RedisProbe.command(TestInfra.get().redisUrl(), "GET", counter) != null);
    Await.until("a tick after the rebuild marks the user as seen again", 10,
      () -> RedisProbe.command(TestInfra.get().redisUrl(), "GET", "youth:seen:live:" + kid.id()) != null);
    CLOCK.advance(Duration.ofMinutes(20));

    JsonObject cut = phone.awaitPush(p -> p.containsKey("unsubscribe"));
    assertThat(cut.getJsonObject("unsubscribe").getInteger("code")).as("cut off by the limit").isEqualTo(2050);
    assertThat(errorCode(subscribe(phone, room))).as("subscribe again").isEqualTo(2050);
    assertThat(liveSeconds(kid)).as("the day's total counts the time before the wipe").isGreaterThanOrEqualTo(45 * 60L);
  }

  private static long storedMs(long userId) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement(
           "SELECT coalesce(max(used_ms), 0) FROM youth_usage WHERE user_id = ? AND kind = 'live'")) {
      st.setLong(1, userId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
