package io.liveroom.fault;

import io.liveroom.support.Await;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Node SIGKILL: its clients reconnect through nginx to the other node and recover")
class NodeKillIT {
  private static final int VIEWERS = 30;
  private static final int DURING = 10;

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("every client of the killed node is back on the other node with recovered: true within 3 s, missing nothing")
  void killedNodeClientsRecover() {
    Topology t = suite.topology();
    try (ClientRig rig = new ClientRig()) {
      Audience audience = Audience.gather(t, rig, VIEWERS, "before the kill");
      long room = audience.room();
      List<RecoveringClient> viewers = audience.viewers();
      RecoveringClient publisher = audience.publisher();

      long killedAt = System.nanoTime();
      t.node(0).process().kill();
      for (int i = 0; i < DURING; i++) {
        JsonObject reply = Drill.chat(publisher, room, "during " + i);
        assertThat(reply.containsKey("error")).as("publish on the surviving node: %s", reply).isFalse();
      }
      long top = publisher.offset();
      Await.until("every viewer caught up to offset " + top, 20, () -> viewers.stream().allMatch(v -> v.offset() >= top));

      List<Long> reconnectMillis = new ArrayList<>();
      for (RecoveringClient v : viewers) {
        assertThat(v.silentGaps()).as("silent gaps").isZero();
        assertThat(upTo(v, top)).as("every publication once, in order")
          .containsExactlyElementsOf(offsets(v.pubs().get(0).offset(), top));
        if (!v.closeCodes().isEmpty()) {
          assertThat(v.recoveries()).as("recoveries of a dropped client").isNotEmpty()
            .allSatisfy(r -> assertThat(r.recovered()).as("recovered").isTrue());
          reconnectMillis.add(Drill.millisSince(killedAt, v.recoveries().get(0).atNanos()));
        }
      }
      Drill.figure("NodeKillIT", "clients dropped by the kill", reconnectMillis.size() + " of " + VIEWERS);
      Drill.figure("NodeKillIT", "kill to recovered: true, median ms", Drill.percentile(reconnectMillis, 50));
      Drill.figure("NodeKillIT", "kill to recovered: true, max ms", Drill.percentile(reconnectMillis, 100));
      assertThat(reconnectMillis).as("clients that were on the killed node").isNotEmpty();
      assertThat(reconnectMillis).as("ms from SIGKILL to recovered: true").allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(3_000));
    }
  }

  /** The offsets a client received, up to {@code top}. */
  static List<Long> upTo(RecoveringClient c, long top) {
    return c.pubs().stream().map(RecoveringClient.Pub::offset).filter(o -> o <= top).toList();
  }

  static List<Long> offsets(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long o = from; o <= to; o++) {
      out.add(o);
    }
    return out;
  }
}
