package io.liveroom.loadtest;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconnect-storm scenario proven on a real node with two event loops: every viewer is dropped
 * without a close frame, reconnects with recovery, and ends with the whole numbered sequence.
 * No timing is asserted (the shared test machine's figures mean nothing).
 */
class ReconnectStormScenarioTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().loops(2).config(LoadTestSmokeTest::loadConfig).build();

  /** The node's own config as a file, so the generator mints tokens with the node's secret (--users minted). */
  private static Path nodeConfigFile() throws Exception {
    JsonObject json = TestNodes.baseConfig();
    LoadTestSmokeTest.loadConfig(json);
    Path file = Files.createTempFile("storm-config", ".json");
    Files.writeString(file, json.encode());
    return file;
  }

  @Test
  @DisplayName("reconnect-storm: 200 viewers dropped at once reconnect with recovery; none loses a publication, no error")
  void stormLosesNothing() throws Exception {
    String[] args = {"reconnect-storm", "--connections", "200", "--rate", "20", "--duration", "4s", "--kill-after", "1500ms",
      "--users", "minted", "--config", nodeConfigFile().toString(), "--sources", "2",
      "--port", Integer.toString(node.httpPort()), "--out", "target/loadtest-smoke", "--quiet", "true"};
    JsonObject r = LoadTest.run(args, Vertx.vertx());
    JsonObject res = r.getJsonObject("result");
    assertThat(r.getBoolean("passed")).as("run failed: %s / %s", r.getString("failure"), res).isTrue();
    assertThat(res.getLong("published")).as("%s", res).isGreaterThan(60);
    assertThat(res.getLong("reconnectErrors")).isZero();
    assertThat(res.getLong("recovered") + res.getLong("notRecovered")).as("every viewer resubscribed").isEqualTo(200);
    assertThat(res.getLong("notRecoveredUnjustified")).isZero();
    assertThat(res.getLong("losses")).isZero();
    assertThat(res.getLong("duplicates")).isZero();
    assertThat(res.getDouble("stormSeconds")).isPositive();
    // Publications were sent while the viewers were away, and came back through recovery.
    assertThat(res.getLong("recoveredPublications")).isPositive();
  }
}
