package io.liveroom.loadtest;

import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.Node;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every scenario runs end to end against real in-process nodes with tiny numbers, and its result
 * is correct: nothing lost, every reply accounted for, a result file and a chart written. No timing
 * is asserted (numbers from the shared test machine mean nothing).
 */
class LoadTestSmokeTest {
  @RegisterExtension
  @Order(1)
  static final LiveNode a = LiveNode.builder().config(LoadTestSmokeTest::loadConfig).build();
  @RegisterExtension
  @Order(2)
  static final LiveNode b = LiveNode.builder().keepData().config(LoadTestSmokeTest::loadConfig).build();

  /** What conf/loadtest.json sets for a node under load: bench namespace, chat limits lifted, stamped simulated AI (faster here). */
  static void loadConfig(JsonObject json) {
    json.getJsonObject("realtime").put("benchmarkNamespace", true);
    json.getJsonObject("rooms").getJsonObject("chat").getJsonObject("rateLimit").put("messages", 1000).put("windowSeconds", 1);
    json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", 200).put("replyTokens", 40)
      .put("stampTokens", true);
  }

  private static JsonObject run(String... args) {
    return runOn(a.httpPort(), args);
  }

  private static JsonObject runOn(int port, String... args) {
    String[] common = {"--port", Integer.toString(port), "--out", "target/loadtest-smoke", "--quiet", "true"};
    String[] all = new String[args.length + common.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(common, 0, all, args.length, common.length);
    JsonObject r = LoadTest.run(all, Vertx.vertx());
    assertThat(r.getBoolean("passed")).as("run failed: %s", r.getString("failure")).isTrue();
    assertThat(Path.of(r.getString("resultFile"))).exists();
    assertThat(Path.of(r.getString("chart"))).exists();
    return r;
  }

  @Test
  @DisplayName("fanout: every viewer of a live room gets every chat message, in order, over JSON")
  void fanoutRoomJson() {
    JsonObject r = run("fanout", "--viewers", "6", "--publishers", "2", "--rate", "20", "--duration", "2s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("published")).isGreaterThan(30);
    assertThat(res.getLong("deliveries")).isEqualTo(res.getLong("expectedDeliveries"));
    assertThat(res.getLong("losses")).isZero();
    assertThat(res.getLong("outOfOrder")).as("a connection's publishes are handled in order").isZero();
    assertThat(r.getJsonObject("latency").getLong("count")).isEqualTo(res.getLong("deliveries"));
  }

  @Test
  @DisplayName("fanout over Protobuf on the bench channel: no losses")
  void fanoutBenchProtobuf() {
    JsonObject r = run("fanout", "--channel", "bench", "--format", "protobuf", "--viewers", "8", "--publishers", "2",
      "--rate", "50", "--duration", "2s", "--sources", "3");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("published")).isGreaterThan(80);
    assertThat(res.getLong("losses")).isZero();
    assertThat(res.getLong("deliveries")).isEqualTo(res.getLong("published") * 8);
    assertThat(res.getLong("outOfOrder")).isZero();
  }

  @Test
  @DisplayName("two-node: publishers on node A, viewers on node B, every message crosses Redis")
  void twoNode() {
    JsonObject r = run("two-node", "--port-b", Integer.toString(b.httpPort()), "--channel", "bench", "--viewers", "5",
      "--publishers", "2", "--rate", "20", "--duration", "2s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getInteger("viewerPort")).isEqualTo(b.httpPort());
    assertThat(res.getLong("losses")).isZero();
    assertThat(res.getLong("deliveries")).isEqualTo(res.getLong("published") * 5).isPositive();
  }

  @Test
  @DisplayName("connections: all open, authenticated and subscribed, and the node's memory is read from /metrics")
  void connections() {
    JsonObject r = run("connections", "--connections", "20", "--rate", "100", "--hold", "1s", "--sources", "2");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getInteger("opened")).isEqualTo(20);
    assertThat(res.getLong("connectErrors")).isZero();
    assertThat(res.getLong("stillOpen")).isEqualTo(20);
    assertThat(res.getJsonObject("serverAfter").getDouble("jvm_memory_used_bytes{heap}")).isPositive();
  }

  @Test
  @DisplayName("chat-mix: rooms of uneven size with chat, likes and churn; viewers who stay lose nothing")
  void chatMix() {
    JsonObject r = run("chat-mix", "--rooms", "3", "--viewers", "12", "--chatters", "3", "--chat-rate", "4",
      "--like-rate", "0.5", "--churn", "0.2", "--duration", "3s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("chatsAccepted")).isGreaterThan(20);
    assertThat(res.getLong("losses")).isZero();
    assertThat(res.getLong("stableDeliveries")).isEqualTo(res.getLong("expectedStableDeliveries"));
    assertThat(res.getLong("likesAccepted")).isPositive();
    assertThat(r.getJsonObject("counters").getLong("errors")).isZero();
  }

  @Test
  @DisplayName("feed: readers page through following feeds seeded in SQL; every first page is full and every request answered")
  void feed() {
    JsonObject r = run("feed", "--pg-url", io.liveroom.support.TestInfra.get().pgUrl(), "--readers", "3", "--follows", "5",
      "--authors", "10", "--posts", "300", "--limit", "5", "--pages", "2", "--duration", "2s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("requests")).isPositive();
    assertThat(res.getLong("shortFirstPages")).isZero();
    assertThat(r.getJsonObject("counters").getLong("errors")).isZero();
    assertThat(r.getJsonObject("latency").getLong("count")).isEqualTo(res.getLong("requests"));
  }

  @Test
  @DisplayName("feed --think: each reader pauses 50-150% of the think time between pages, so the requests are bounded by readers x duration / (think / 2)")
  void feedWithThinkTime() {
    JsonObject r = run("feed", "--pg-url", io.liveroom.support.TestInfra.get().pgUrl(), "--readers", "3", "--follows", "5",
      "--authors", "10", "--posts", "300", "--limit", "5", "--pages", "2", "--duration", "2s", "--think", "500ms");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getString("mode")).isEqualTo("think time");
    assertThat(res.getLong("thinkMs")).isEqualTo(500);
    // A closed loop sends hundreds in 2 s; with at least 250 ms between a reader's pages, at most 3 x (8 + 1).
    assertThat(res.getLong("requests")).isPositive().isLessThanOrEqualTo(27);
    assertThat(res.getLong("shortFirstPages")).isZero();
    assertThat(r.getJsonObject("counters").getLong("errors")).isZero();
  }

  @Test
  @DisplayName("ai-streams: concurrent simulated generations all finish, with first-token, inter-token and per-token latency")
  void aiStreams() {
    JsonObject r = run("ai-streams", "--streams", "3", "--rounds", "2", "--duration", "5s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("generationsCompleted")).isEqualTo(6);
    assertThat(res.getLong("failures")).isZero();
    assertThat(res.getJsonObject("ttftMs").getLong("count")).isEqualTo(6);
    assertThat(res.getJsonObject("interTokenMs").getLong("count")).isPositive();
    // The node stamps its tokens: every one of the 6 x 40 is found and timed, also when deltas were joined.
    assertThat(r.getJsonObject("latency").getLong("count")).isEqualTo(240);
    // A round's 3 streams start together (200 ms each), so some tokens arrive while all 3 stream; never more than all.
    assertThat(res.getJsonObject("latencyAllStreaming").getLong("count")).isPositive().isLessThanOrEqualTo(240);
  }

  @Test
  @DisplayName("ai-paint: concurrent simulated paintings all finish, with time to first preview, to done, and the event-loop delay")
  void aiPaint() {
    JsonObject r = run("ai-paint", "--paintings", "2", "--size", "256x256", "--duration", "5s");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("failures")).as("%s", res).isZero();
    assertThat(res.getJsonObject("firstPreviewMs").getLong("count")).isEqualTo(2);
    assertThat(res.getJsonObject("doneMs").getLong("count")).isEqualTo(2);
    assertThat(res.getDouble("eventLoopDelayMaxMs")).isNotNull();
  }

  @Test
  @DisplayName("ai-relay: every stamped token is timed, read straight from the upstream and through a node's openai relay")
  void aiRelay() throws Exception {
    int upstreamPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      upstreamPort = free.getLocalPort();
    }
    Node relay = TestNodes.start(json -> {
      loadConfig(json);
      JsonObject ai = json.getJsonObject("ai").put("provider", "openai");
      ai.getJsonObject("openai").put("baseUrls", new io.vertx.core.json.JsonArray().add("http://127.0.0.1:" + upstreamPort + "/v1"))
        .put("models", new io.vertx.core.json.JsonArray().add("assistant=stamped"));
    });
    try {
      String[] args = {"ai-relay", "--streams", "3", "--tokens", "5", "--tokens-per-second", "100", "--ramp", "30ms",
        "--upstream-port", Integer.toString(upstreamPort), "--direct"};
      for (String direct : new String[] {"true", "false"}) {
        String[] withMode = java.util.Arrays.copyOf(args, args.length + 1);
        withMode[args.length] = direct;
        JsonObject r = runOn(relay.httpPort(), withMode);
        assertThat(r.getJsonObject("result").getLong("streamsCompleted")).as("direct=%s", direct).isEqualTo(3);
        assertThat(r.getJsonObject("result").getLong("failures")).isZero();
        // Every token's stamp is found and timed, also when the relay joined deltas.
        assertThat(r.getJsonObject("latency").getLong("count")).as("direct=%s", direct).isEqualTo(15);
      }
    } finally {
      TestNodes.stop(relay);
    }
  }

  @Test
  @DisplayName("gifts: every gift commits over HTTP, none fails, and the ledger reconciles afterwards")
  void gifts() {
    long admin = RewardFixtures.admin();
    String adminToken = a.get().accessTokens().issue(admin, Role.ADMIN, "lt-admin");
    long rose = RewardFixtures.gift(a.get(), "lt-rose", 1);
    JsonObject r = run("gifts", "--admin-token", adminToken, "--gift-id", Long.toString(rose), "--senders", "4",
      "--hosts", "1", "--rate", "20", "--duration", "2s", "--coins", "1000");
    JsonObject res = r.getJsonObject("result");
    assertThat(res.getLong("committed")).isGreaterThan(20);
    assertThat(res.getJsonObject("ledgerCheck").getBoolean("ok")).isTrue();
    assertThat(r.getJsonObject("counters").getLong("errors")).isZero();
    assertThat(r.getJsonObject("counters").getLong("sent")).isEqualTo(res.getLong("committed"));
  }

  @Test
  @DisplayName("targets that are not loopback are refused before anything is sent")
  void loopbackOnly() {
    assertThatThrownBy(() -> LoadTest.run(new String[] {"fanout", "--host", "8.8.8.8"}, Vertx.vertx()))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not loopback");
    assertThatThrownBy(() -> LoadTest.run(new String[] {"fanout", "--viewrs", "3"}, Vertx.vertx()))
      .hasMessageContaining("unknown option --viewrs");
  }
}
