package io.liveroom.youth;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static io.liveroom.youth.YouthClients.errorCode;
import static io.liveroom.youth.YouthClients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily live limit (40 minutes) counted on the server across devices and nodes: two nodes
 * share PostgreSQL, Redis and a clock the test moves; their usage ticks run every second.
 */
@DisplayName("Youth mode's daily live limit is counted on the server across devices and nodes, and cuts open sessions off")
class YouthTimeLimitTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  @Order(1)
  static final LiveNode nodeA = LiveNode.builder().clock(CLOCK).config(YouthTimeLimitTest::fastTicksSlowAnswers)
    .build();
  @RegisterExtension
  @Order(2)
  static final LiveNode nodeB = LiveNode.builder().keepData().clock(CLOCK)
    .config(YouthTimeLimitTest::fastTicksSlowAnswers).build();
  private static final TestHttp httpA = nodeA.http();
  private static final TestHttp httpB = nodeB.http();

  /** Usage ticks every second; AI answers of 200 s, so one is still streaming when the limit falls. */
  private static void fastTicksSlowAnswers(JsonObject json) {
    json.getJsonObject("youth").put("tickSeconds", 1);
    json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", 2).put("replyTokens", 400);
  }

  private static long liveSeconds(User u) {
    return YouthClients.status(httpA, u).getJsonObject("live").getLong("usedSeconds");
  }

  @Test
  @DisplayName("25 minutes on a phone (node A), then 20 more with a tablet (node B) joining: 45 minutes counted once, both cut off with 2050, and the next morning starts afresh")
  void limitCutsOffAcrossTwoDevices() {
    long room = YouthClients.liveRoom(nodeA.get(), httpA);
    User kid = YouthClients.adult(nodeA.get());
    YouthClients.turnOn(httpA, kid, YouthClients.zoneWhereNowIs(CLOCK, 12));

    TestSocket phone = nodeA.socket();
    phone.connect(kid.token());
    assertThat(subscribe(phone, room).containsKey("error")).as("phone subscribes").isFalse();
    CLOCK.advance(Duration.ofMinutes(25));
    Await.until("25 minutes counted from node A's ticks", 10, () -> liveSeconds(kid) >= 25 * 60);
    assertThat(liveSeconds(kid)).as("counted from the server's clock").isLessThan(26 * 60);

    TestSocket tablet = nodeB.track(TestSocket.open(nodeB.httpPort()));
    tablet.connect(kid.token());
    assertThat(subscribe(tablet, room).containsKey("error")).as("tablet subscribes on node B").isFalse();
    CLOCK.advance(Duration.ofMinutes(20));

    for (TestSocket device : new TestSocket[] {phone, tablet}) {
      JsonObject cut = device.awaitPush(p -> p.containsKey("unsubscribe"));
      assertThat(cut.getString("channel")).isEqualTo("room:" + room);
      assertThat(cut.getJsonObject("unsubscribe").getInteger("code")).as("cut off by the limit").isEqualTo(2050);
    }
    assertThat(liveSeconds(kid)).as("two devices watching together count once").isBetween(45 * 60L, 46 * 60L);
    assertThat(errorCode(subscribe(phone, room))).as("subscribe again on A").isEqualTo(2050);
    assertThat(errorCode(subscribe(tablet, room))).as("subscribe again on B").isEqualTo(2050);
    assertThat(YouthClients.status(httpB, kid).getJsonObject("live").getInteger("limitMinutes")).isEqualTo(40);

    CLOCK.advance(Duration.ofHours(18)); // 06:45 the next day in the user's zone: a new allowance
    assertThat(subscribe(phone, room).containsKey("error")).as("the next morning").isFalse();
    assertThat(liveSeconds(kid)).isLessThan(60L);
  }

  @Test
  @DisplayName("A subscription open at 21:50 is cut off with 2051 once the curfew begins, on whichever node holds it")
  void curfewCutsOffOpenSessions() {
    long room = YouthClients.liveRoom(nodeA.get(), httpA);
    User kid = YouthClients.adult(nodeA.get());
    String zone = YouthClients.zoneWhereNowIs(CLOCK, 21, 50);
    YouthClients.turnOn(httpA, kid, zone);
    TestSocket tablet = nodeB.track(TestSocket.open(nodeB.httpPort()));
    tablet.connect(kid.token());
    assertThat(subscribe(tablet, room).containsKey("error")).as("21:xx: allowed").isFalse();

    CLOCK.advance(Duration.ofMinutes(15)); // 22:05 in the user's zone, well under the daily limit

    JsonObject cut = tablet.awaitPush(p -> p.containsKey("unsubscribe"));
    assertThat(cut.getJsonObject("unsubscribe").getInteger("code")).isEqualTo(2051);
    assertThat(errorCode(subscribe(tablet, room))).isEqualTo(2051);
    assertThat(YouthClients.status(httpB, kid).getJsonObject("live").getLong("usedSeconds")).isLessThan(40 * 60L);
  }

  @Test
  @DisplayName("An AI answer streaming when today's AI time runs out stops (ai_cancelled), and the next ai.chat is refused with 2050")
  void aiLimitStopsTheAnswer() {
    User kid = YouthClients.adult(nodeA.get());
    YouthClients.turnOn(httpA, kid, YouthClients.zoneWhereNowIs(CLOCK, 12));
    TestHttp.Response conv = httpA.post("/api/v1/ai/conversations", new JsonObject().put("title", "Q"), kid.token());
    assertThat(conv.status()).as("conversation: %s", conv).isEqualTo(201);
    long conversationId = conv.json().getLong("id");
    TestSocket ws = nodeB.track(TestSocket.open(nodeB.httpPort()));
    String personal = ws.connect(kid.token()).getJsonObject("subs").fieldNames().iterator().next();
    JsonObject started = aiChat(ws, conversationId);
    assertThat(started.containsKey("error")).as("ai.chat at noon: %s", started).isFalse();
    String generationId = started.getJsonObject("rpc").getJsonObject("data").getString("generationId");
    JsonObject first = ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub"));
    assertThat(first.getJsonObject("pub").getJsonObject("data").getString("generationId")).isEqualTo(generationId);

    CLOCK.advance(Duration.ofMinutes(41));

    JsonObject end = ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub")
      && "error".equals(p.getJsonObject("pub").getJsonObject("data").getString("type"))).getJsonObject("pub")
      .getJsonObject("data");
    assertThat(end.getString("generationId")).isEqualTo(generationId);
    assertThat(end.getString("code")).isEqualTo("ai_cancelled");
    assertThat(errorCode(aiChat(ws, conversationId))).isEqualTo(2050);
    assertThat(YouthClients.status(httpA, kid).getJsonObject("ai").getLong("usedSeconds")).isGreaterThanOrEqualTo(40 * 60L);
    assertThat(YouthClients.status(httpA, kid).getJsonObject("live").getLong("usedSeconds")).as("a separate counter")
      .isZero();
  }

  private static JsonObject aiChat(TestSocket ws, long conversationId) {
    return ws.request("rpc", new JsonObject().put("method", "ai.chat").put("data", new JsonObject()
      .put("conversationId", conversationId).put("text", "tell me a long story")
      .put("requestId", "r-" + java.util.UUID.randomUUID())));
  }
}
