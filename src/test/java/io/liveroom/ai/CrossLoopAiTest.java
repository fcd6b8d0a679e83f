package io.liveroom.ai;

import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.ConcurrentRequests;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AI generations under concurrent clients on a node with four event loops: the quotas live in
 * Redis and are shared by every loop; each generation's stream, usage row and stored answer are
 * recorded by the loop that opened it. Every request is answered, none with a 5xx, and quotas and
 * records add up exactly.
 */
@DisplayName("AI across event loops: SSE completions and socket ai.chat all answered, quotas and records exact")
class CrossLoopAiTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final int REQUESTS_PER_MINUTE = 5;
  /**
   * The per-minute quota counts in the UTC minute of the node's clock. This clock runs at real speed
   * but starts the class at the beginning of a minute (an offset of under a minute), so a burst
   * seconds later is far from the next boundary without waiting one out.
   */
  private static final Clock CLOCK =
    Clock.offset(Clock.systemUTC(), Duration.ofMillis(-(System.currentTimeMillis() % 60_000)));
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .clock(CLOCK)
    .loops(4)
    .config(json -> {
      JsonObject ai = json.getJsonObject("ai");
      ai.getJsonObject("simulated").put("tokensPerSecond", 1000).put("replyTokens", 10);
      ai.getJsonObject("quota").put("requestsPerMinute", REQUESTS_PER_MINUTE).put("concurrentGenerations", 10);
    })
    .build();

  private static String completion() {
    return new JsonObject().put("model", "simulated").put("stream", true).put("messages", new JsonArray()
      .add(new JsonObject().put("role", "user").put("content", "Hello across loops"))).encode();
  }

  /**
   * A burst that straddles a minute boundary may be admitted in both minutes: start it with at least
   * 10 s of the node's minute left. With {@link #CLOCK} that holds unless the class has already run
   * for 50 s; only then does this wait the minute out.
   */
  private static void awayFromMinuteBoundary() throws InterruptedException {
    long second = CLOCK.millis() / 1000 % 60;
    if (second >= 50) {
      Thread.sleep((60 - second) * 1000);
    }
  }

  @Test
  @DisplayName("16 users x 8 concurrent SSE completions (rpm 5): exactly 5 streams per user end with [DONE], 3 get 429")
  void sseCompletions() throws InterruptedException {
    List<Long> users = new ArrayList<>();
    List<HttpRequest> requests = new ArrayList<>();
    for (int u = 0; u < 16; u++) {
      long id = AiTests.newUser();
      users.add(id);
      String token = node.get().accessTokens().issue(id, Role.USER, "xl-" + id);
      for (int i = 0; i < 8; i++) {
        requests.add(ConcurrentRequests.post(node.httpPort(), "/v1/chat/completions", completion(), token, BOUND));
      }
    }
    awayFromMinuteBoundary();
    List<HttpResponse<String>> responses = ConcurrentRequests.fire(requests);

    assertThat(ConcurrentRequests.byStatus(responses)).isEqualTo(Map.of(200, 16L * REQUESTS_PER_MINUTE,
      429, 16L * (8 - REQUESTS_PER_MINUTE)));
    assertThat(responses).filteredOn(r -> r.statusCode() == 200)
      .allSatisfy(r -> assertThat(r.body()).endsWith("data: [DONE]\n\n"));
    assertThat(responses).filteredOn(r -> r.statusCode() == 429)
      .allSatisfy(r -> assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("ai_rate_limited"));
    String in = users.toString().replace('[', '(').replace(']', ')');
    assertThat(RewardFixtures.eventually(() -> RewardFixtures.longQuery(
      "SELECT count(*) FROM ai_usage WHERE status = 'complete' AND user_id IN " + in) == 16L * REQUESTS_PER_MINUTE))
      .as("one complete usage row per stream").isTrue();
  }

  @Test
  @DisplayName("8 sockets each asking ai.chat 4 times at once: all accepted, every answer done and stored")
  void socketChat() {
    TestHttp http = new TestHttp(node.httpPort());
    List<TestSocket> sockets = new ArrayList<>();
    List<long[]> conversations = new ArrayList<>();
    try {
      for (int u = 0; u < 8; u++) {
        long id = AiTests.newUser();
        String token = node.get().accessTokens().issue(id, Role.USER, "xl-chat-" + id);
        TestHttp.Response created = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "xl"), token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        TestSocket ws = TestSocket.open(node.httpPort());
        sockets.add(ws);
        ws.connect(token);
        conversations.add(new long[] {created.json().getLong("id")});
      }
      List<int[]> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        for (int s = 0; s < sockets.size(); s++) {
          sent.add(new int[] {s, sockets.get(s).send("rpc", new JsonObject().put("method", "ai.chat").put("data",
            new JsonObject().put("conversationId", conversations.get(s)[0]).put("text", "question " + i)
              .put("requestId", "xl-" + s + "-" + i)))});
        }
      }
      for (int[] s : sent) {
        JsonObject reply = sockets.get(s[0]).awaitReply(s[1]);
        assertThat(reply.containsKey("error")).as("ai.chat: %s", reply).isFalse();
        String generation = reply.getJsonObject("rpc").getJsonObject("data").getString("generationId");
        JsonObject done = sockets.get(s[0]).awaitPush(p -> p.containsKey("pub")
          && generation.equals(p.getJsonObject("pub").getJsonObject("data").getString("generationId"))
          && "done".equals(p.getJsonObject("pub").getJsonObject("data").getString("type")));
        assertThat(done.getJsonObject("pub").getJsonObject("data").getString("status")).isEqualTo("complete");
      }
      assertThat(RewardFixtures.eventually(() -> RewardFixtures.longQuery(
        "SELECT count(*) FROM ai_messages WHERE role = 'assistant' AND status = 'complete' AND content <> ''") == 32L))
        .as("32 stored answers").isTrue();
    } finally {
      sockets.forEach(TestSocket::close);
    }
  }
}
