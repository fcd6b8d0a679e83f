package io.liveroom.privacy;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The daily export cap holds under parallel requests")
class ExportCapTest {
  private static final int CAP = 3;
  private static final int PARALLEL = 20;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .loops(2)
    .config(json -> {
      json.getJsonObject("privacy").getJsonObject("exports").put("maxPerDay", CAP);
    })
    .build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("20 parallel requests on 20 connections to 2 event loops: exactly maxPerDay accepted, the rest 429 with Retry-After")
  void parallelRequestsStopAtTheCap() throws Exception {
    TestUser frank = TestUsers.register(http);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<TestHttp.Response>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < PARALLEL; i++) {
        TestHttp own = new TestHttp(node.httpPort());
        // Open the connection first, so the requests themselves start together.
        own.get("/health/live");
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return own.post("/api/v1/me/exports", new JsonObject(), frank.accessToken());
        }, pool));
      }
      go.countDown();
      List<TestHttp.Response> responses = new ArrayList<>();
      for (CompletableFuture<TestHttp.Response> c : calls) {
        responses.add(c.get());
      }
      assertThat(responses).as("no server errors").allSatisfy(r -> assertThat(r.status()).isLessThan(500));
      assertThat(responses.stream().filter(r -> r.status() == 202)).hasSize(CAP);
      List<TestHttp.Response> refused = responses.stream().filter(r -> r.status() != 202).toList();
      assertThat(refused).hasSize(PARALLEL - CAP).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().getString("code")).isEqualTo("export_limit_reached");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 86_400L);
      });
      assertThat(PrivacyFixtures.count("SELECT count(*) FROM data_exports WHERE user_id = ?", frank.id())).isEqualTo(CAP);
    } finally {
      pool.shutdownNow();
    }
  }
}
