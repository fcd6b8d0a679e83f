package io.liveroom.fault;

import io.liveroom.support.Await;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Node SIGSTOP for 8 s, then SIGCONT: no silent gap")
class NodeFreezeIT {
  private static final int VIEWERS = 20;
  private static final long FREEZE_MILLIS = 8_000;

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("every subscriber gets every publication in order, or is told (recovered: false, or dropped and recovered)")
  void frozenNodeLeavesNoSilentGap() {
    Topology t = suite.topology();
    try (ClientRig rig = new ClientRig()) {
      Audience audience = Audience.gather(t, rig, VIEWERS, "before the freeze");
      long room = audience.room();
      List<RecoveringClient> viewers = audience.viewers();
      RecoveringClient publisher = audience.publisher();

      t.node(0).process().freeze();
      long frozenAt = System.nanoTime();
      int sent = 0;
      while (Drill.millisSince(frozenAt, System.nanoTime()) < FREEZE_MILLIS) {
        JsonObject reply = Drill.chat(publisher, room, "during " + sent++);
        assertThat(reply.containsKey("error")).as("publish on the running node: %s", reply).isFalse();
        Await.pause(100);
      }
      t.node(0).process().thaw();
      long thawedAt = System.nanoTime();
      assertThat(Drill.chat(publisher, room, "after the freeze").containsKey("error")).isFalse();
      long top = publisher.offset();
      Await.until("every viewer caught up to offset " + top + " or was told it could not", 30,
        () -> viewers.stream().allMatch(v -> v.offset() >= top || told(v)));
      long caughtUp = Drill.millisSince(thawedAt, System.nanoTime());

      int toldCount = 0;
      for (RecoveringClient v : viewers) {
        assertThat(v.silentGaps()).as("silent gaps").isZero();
        if (told(v)) {
          toldCount++;
        } else {
          assertThat(NodeKillIT.upTo(v, top)).as("every publication once, in order")
            .containsExactlyElementsOf(NodeKillIT.offsets(v.pubs().get(0).offset(), top));
        }
      }
      Drill.figure("NodeFreezeIT", "publications during the 8 s freeze", sent);
      Drill.figure("NodeFreezeIT", "SIGCONT to every viewer caught up, ms", caughtUp);
      Drill.figure("NodeFreezeIT", "viewers told recovered: false", toldCount + " of " + VIEWERS);
    }
  }

  /** The client was told it may have missed something: a recovery that answered recovered: false. */
  private static boolean told(RecoveringClient v) {
    return v.recoveries().stream().anyMatch(r -> !r.recovered());
  }
}
