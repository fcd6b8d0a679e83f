package io.liveroom.fault;

import io.liveroom.support.Await;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Money under faults: concurrent gifts while PostgreSQL restarts")
class MoneyUnderFaultsIT {
  private static final int CALLS = 200;
  private static final int IN_FLIGHT = 40;
  private static final long BALANCE = 1_000;
  private static final Duration BOUND = Duration.ofSeconds(10);

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("no gift is charged without an answer, a retry with the same requestId returns the original outcome, the ledger check passes")
  void giftsThroughAPostgresRestart() {
    Topology t = suite.topology();
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    TestUser viewer = api.user(true);
    long room = api.liveRoom(host);
    long gift = api.gift(1);
    api.credit(viewer.id(), BALANCE);
    GiftCalls calls = new GiftCalls(t.lbPort(), viewer.accessToken(), room, gift, BOUND);
    List<String> ids = IntStream.range(0, CALLS).mapToObj(i -> "mf-" + i).toList();

    CompletableFuture<List<GiftCalls.Outcome>> sending = CompletableFuture.supplyAsync(() -> calls.sendAll(ids, IN_FLIGHT));
    Await.until("a third of the gifts answered", 60, () -> api.count("SELECT count(*) FROM gift_events WHERE sender_id = ?",
      viewer.id()) >= CALLS / 3);
    t.pg.stopImmediate();
    Await.pause(3_000);
    t.pg.start();
    List<GiftCalls.Outcome> outcomes = sending.join();
    for (NodeProcess n : t.nodes) {
      n.awaitReady(60);
    }
    Map<String, Integer> rows = rowsPerRequest(t, viewer.id());
    Map<Integer, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(GiftCalls.Outcome::status, TreeMap::new,
      Collectors.counting()));
    List<String> chargedUnanswered = new ArrayList<>();
    List<String> chargedRefused = new ArrayList<>();
    for (GiftCalls.Outcome o : outcomes) {
      if (rows.getOrDefault(o.requestId(), 0) > 0 && o.status() != 200) {
        (o.answered() ? chargedRefused : chargedUnanswered).add(o.requestId() + " " + o.status() + " " + o.body());
      }
    }

    List<GiftCalls.Outcome> retries = calls.sendAll(ids, IN_FLIGHT);
    List<String> changedReceipts = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      GiftCalls.Outcome first = outcomes.get(i);
      GiftCalls.Outcome again = retries.get(i);
      boolean wasCharged = rows.getOrDefault(first.requestId(), 0) > 0;
      if ((first.status() == 200 || wasCharged) && !(again.status() == 200 && (first.status() != 200 || again.body().equals(first.body())))) {
        changedReceipts.add(first.requestId() + ": first " + first.status() + " " + first.body() + ", retry " + again.status() + " " + again.body());
      }
    }
    Map<Integer, Long> retryStatus = retries.stream().collect(Collectors.groupingBy(GiftCalls.Outcome::status, TreeMap::new,
      Collectors.counting()));
    Map<String, Integer> rowsAfter = rowsPerRequest(t, viewer.id());
    JsonObject wallet = api.http.get("/api/v1/me/wallet", viewer.accessToken()).json();
    JsonObject check = api.ledgerCheck();

    Drill.figure("MoneyUnderFaultsIT", CALLS + " gifts, " + IN_FLIGHT + " in flight, PostgreSQL stopped (immediate) for 3 s: statuses (-1 = no answer in 10 s)", byStatus);
    Drill.figure("MoneyUnderFaultsIT", "charged without an answer / charged but answered an error", chargedUnanswered.size() + " / " + chargedRefused.size());
    Drill.figure("MoneyUnderFaultsIT", "retries with the same requestIds: statuses", retryStatus);
    Drill.figure("MoneyUnderFaultsIT", "ledger check ok", check.getBoolean("ok"));

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(byStatus.keySet()).as("statuses during the restart (-1 = no answer within %s)", BOUND).isSubsetOf(200, 503);
    soft.assertThat(chargedUnanswered).as("charged without an answer").isEmpty();
    soft.assertThat(chargedRefused).as("charged although the answer was an error").isEmpty();
    soft.assertThat(rows.values()).as("rows per requestId during the run").allSatisfy(n -> assertThat(n).isEqualTo(1));
    soft.assertThat(changedReceipts).as("retries that did not return the original receipt").isEmpty();
    soft.assertThat(retryStatus).as("every retry answered 200 (original receipt or the gift done now)").containsOnlyKeys(200);
    soft.assertThat(rowsAfter).as("each requestId charged exactly once after the retries").hasSize(CALLS)
      .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    soft.assertThat(wallet.getJsonObject("coins").getLong("balance")).as("coins left").isEqualTo(BALANCE - CALLS);
    soft.assertThat(check.getBoolean("ok")).as("ledger check: %s", check.encode()).isTrue();
    soft.assertAll();
  }

  private static Map<String, Integer> rowsPerRequest(Topology t, long sender) {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = t.pg.jdbc(); PreparedStatement st = c.prepareStatement(
      "SELECT request_id, count(*) FROM gift_events WHERE sender_id = ? GROUP BY request_id")) {
      st.setLong(1, sender);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
