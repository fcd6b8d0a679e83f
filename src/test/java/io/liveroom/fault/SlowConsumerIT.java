package io.liveroom.fault;

import io.liveroom.support.Await;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.liveroom.fault.FaultApi.channel;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Slow consumer: a subscriber that stops reading is dropped with 3008, the others are unaffected")
class SlowConsumerIT {
  private static final int FAST = 4;
  private static final int BATCH = 20;
  private static final long MAX_MILLIS = 30_000;
  private static final long P99_BOUND_MILLIS = 2_000;

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("the stalled subscriber is closed with 3008 while every other subscriber gets every message, in order and on time")
  void stalledSubscriberIsDropped() {
    Topology t = suite.topology();
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    TestUser viewer = api.user(false);
    long room = api.liveRoom(host);
    String padding = "x".repeat(1500);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    try (ClientRig rig = new ClientRig(); StalledSocket slow = StalledSocket.open(t.node(0).port())) {
      assertThat(slow.request("connect", new JsonObject().put("token", viewer.accessToken())).containsKey("error")).isFalse();
      assertThat(slow.request("subscribe", new JsonObject().put("channel", channel(room))).containsKey("error")).isFalse();
      // Fast subscribers on both nodes, half of them on the slow one's node.
      List<RecoveringClient> fast = rig.startAll(FAST, FAST,
        i -> rig.client(t.node(i % 2).port(), viewer.accessToken(), channel(room)));
      RecoveringClient publisher = rig.startAll(1, 1, i -> rig.client(t.node(1).port(), host.accessToken(), channel(room))).get(0);

      long start = System.nanoTime();
      int sent = 0;
      String dropped = null;
      while (dropped == null && Drill.millisSince(start, System.nanoTime()) < MAX_MILLIS) {
        List<Future<JsonObject>> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          String seq = "slow " + sent++;
          sentAt.put(seq, System.nanoTime());
          batch.add(publisher.request("publish", new JsonObject().put("channel", channel(room))
            .put("data", new JsonObject().put("text", seq + " " + padding))));
        }
        ClientRig.await(Future.all(batch), 30).<JsonObject>list()
          .forEach(r -> assertThat(r.containsKey("error")).as("publish: %s", r).isFalse());
        dropped = slowDropsOn(t.node(0));
      }
      long droppedAfter = Drill.millisSince(start, System.nanoTime());
      long top = publisher.offset();
      Await.until("every fast subscriber has offset " + top, 30, () -> fast.stream().allMatch(c -> c.offset() >= top));
      int closeCode = slow.drainToClose();

      List<Long> latencies = new ArrayList<>();
      for (RecoveringClient c : fast) {
        assertThat(c.silentGaps()).as("silent gaps").isZero();
        assertThat(c.closeCodes()).as("a fast subscriber was never dropped").isEmpty();
        assertThat(NodeKillIT.upTo(c, top)).as("every message once, in order")
          .containsExactlyElementsOf(NodeKillIT.offsets(c.pubs().get(0).offset(), top));
        for (RecoveringClient.Pub p : c.pubs()) {
          String text = p.data().getString("text", "");
          Long at = sentAt.get(text.substring(0, Math.max(0, text.indexOf(" x"))));
          if (at != null) {
            latencies.add(Drill.millisSince(at, p.receivedNanos()));
          }
        }
      }
      Drill.figure("SlowConsumerIT", "messages (1.5 KB) published until the stalled subscriber was dropped", sent);
      Drill.figure("SlowConsumerIT", "time until dropped, ms", droppedAfter);
      Drill.figure("SlowConsumerIT", "close code seen by the stalled subscriber", closeCode);
      Drill.figure("SlowConsumerIT", "delivery to the other subscribers p50 / p99 / max ms", Drill.percentile(latencies, 50)
        + " / " + Drill.percentile(latencies, 99) + " / " + Drill.percentile(latencies, 100));
      assertThat(dropped).as("realtime_disconnects_total{code=3008} on the stalled subscriber's node").isNotNull();
      assertThat(closeCode).as("close code the stalled subscriber reads once it reads again").isEqualTo(3008);
      assertThat(latencies).as("messages measured").hasSizeGreaterThanOrEqualTo(FAST * sent);
      assertThat(Drill.percentile(latencies, 99)).as("p99 delivery to the other subscribers, ms").isLessThan(P99_BOUND_MILLIS);
    }
  }

  /** The node's 3008 disconnect counter line if it counted one, else null. */
  private static String slowDropsOn(NodeProcess node) {
    String metrics = new io.liveroom.support.TestHttp(node.port()).get("/metrics").body();
    return metrics.lines().filter(l -> l.startsWith("realtime_disconnects_total") && l.contains("code=\"3008\""))
      .filter(l -> !l.endsWith(" 0.0")).findFirst().orElse(null);
  }
}
