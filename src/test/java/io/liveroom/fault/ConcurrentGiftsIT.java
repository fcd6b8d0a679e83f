package io.liveroom.fault;

import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

@DisplayName("Concurrent HTTP gifts across event loops, through nginx")
class ConcurrentGiftsIT {
  private static final int CALLS = 200;
  private static final int FUNDED_FOR = 10;
  private static final Duration BOUND = Duration.ofSeconds(15);

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("200 concurrent gifts from a wallet funded for 10: exactly 10 succeed, 190 get 409, all answered within 15 s, no 5xx, the ledger check passes")
  void exactlyTheFundedGiftsSucceed() {
    Topology t = suite.topology();
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    TestUser viewer = api.user(true);
    long room = api.liveRoom(host);
    long gift = api.gift(10);
    api.credit(viewer.id(), 10L * FUNDED_FOR);

    GiftCalls calls = new GiftCalls(t.lbPort(), viewer.accessToken(), room, gift, BOUND);
    long start = System.nanoTime();
    List<GiftCalls.Outcome> outcomes = calls.sendAll(IntStream.range(0, CALLS).mapToObj(i -> "cg-" + i).toList(), CALLS);
    long elapsed = Drill.millisSince(start, System.nanoTime());
    Map<Integer, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(GiftCalls.Outcome::status,
      TreeMap::new, Collectors.counting()));
    long charged = api.count("SELECT count(*) FROM gift_events WHERE sender_id = ?", viewer.id());
    JsonObject wallet = api.http.get("/api/v1/me/wallet", viewer.accessToken()).json();
    JsonObject check = api.ledgerCheck();

    Drill.figure("ConcurrentGiftsIT", "200 concurrent gifts: statuses (-1 = no answer within 15 s)", byStatus);
    Drill.figure("ConcurrentGiftsIT", "all answered after, ms", elapsed);
    Drill.figure("ConcurrentGiftsIT", "per-call p50 / p99 / max ms", Drill.percentile(outcomes.stream()
      .map(GiftCalls.Outcome::millis).toList(), 50) + " / " + Drill.percentile(outcomes.stream().map(GiftCalls.Outcome::millis)
      .toList(), 99) + " / " + Drill.percentile(outcomes.stream().map(GiftCalls.Outcome::millis).toList(), 100));
    Drill.figure("ConcurrentGiftsIT", "gift rows charged / ledger check ok", charged + " / " + check.getBoolean("ok"));

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(byStatus).as("statuses (-1 = no answer within %s)", BOUND).containsOnlyKeys(200, 409);
    soft.assertThat(byStatus.get(200)).as("gifts accepted").isEqualTo((long) FUNDED_FOR);
    soft.assertThat(byStatus.get(409)).as("gifts refused for the balance").isEqualTo((long) (CALLS - FUNDED_FOR));
    soft.assertThat(outcomes.stream().filter(o -> o.status() == 409)
      .allMatch(o -> new JsonObject(o.body()).getString("code").equals("insufficient_balance"))).as("409 code").isTrue();
    soft.assertThat(charged).as("gift rows charged").isEqualTo(FUNDED_FOR);
    soft.assertThat(wallet.getJsonObject("coins").getLong("balance")).as("coins left").isZero();
    soft.assertThat(check.getBoolean("ok")).as("ledger check: %s", check.encode()).isTrue();
    soft.assertAll();
  }
}
