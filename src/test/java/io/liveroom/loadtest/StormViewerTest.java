package io.liveroom.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconnect storm's per-viewer verdict: a missed publication is a loss, a needless recovered:false is caught. */
class StormViewerTest {
  private static JsonObject pub(long seq, long offset) {
    return new JsonObject().put("data", Deliveries.payload(false, 0, seq, 0, 40)).put("offset", offset);
  }

  private static BitSet accepted(int n) {
    BitSet b = new BitSet();
    b.set(0, n);
    return b;
  }

  @Test
  @DisplayName("a viewer that recovers what it missed has the whole sequence; one publication short is one loss")
  void recoveredSequence() {
    StormViewer v = new StormViewer(null);
    v.subscribed(new JsonObject().put("epoch", "e1").put("offset", 0));
    v.publication(0, 1);
    v.publication(1, 2);
    v.resubscribed(new JsonObject().put("recovered", true).put("epoch", "e1").put("offset", 4)
      .put("publications", new JsonArray().add(pub(2, 3)).add(pub(3, 4))), 100, 2, "e1");
    assertThat(v.missing(accepted(4))).isZero();
    assertThat(v.recoveredPublications()).isEqualTo(2);
    assertThat(v.missing(accepted(5))).as("seq 4 never arrived").isEqualTo(1);
    v.publication(3, 4);
    assertThat(v.duplicates()).isEqualTo(1);
  }

  @Test
  @DisplayName("recovered:false is justified only beyond history or after an epoch change")
  void notRecoveredJustification() {
    StormViewer within = new StormViewer(null);
    within.resubscribed(new JsonObject().put("recovered", false).put("epoch", "e1").put("offset", 50), 100, 10, "e1");
    assertThat(within.justified()).as("a gap of 40 with 100 kept").isFalse();
    StormViewer beyond = new StormViewer(null);
    beyond.resubscribed(new JsonObject().put("recovered", false).put("epoch", "e1").put("offset", 150), 100, 10, "e1");
    assertThat(beyond.justified()).isTrue();
    StormViewer newEpoch = new StormViewer(null);
    newEpoch.resubscribed(new JsonObject().put("recovered", false).put("epoch", "e2").put("offset", 3), 100, 10, "e1");
    assertThat(newEpoch.justified()).isTrue();
  }
}
