package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Real-name verification attempts (paid eKYC calls) are limited per user per day, atomically")
class IdentityAttemptsTest {
  private static final int PARALLEL = 12;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().loops(2).build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response verify(String token, String number) {
    return new TestHttp(node.httpPort()).post("/api/v1/me/identity",
      new JsonObject().put("realName", "王五").put("idNumber", number), token);
  }

  @Test
  @DisplayName("12 parallel attempts with the default limit of 5: 5 reach the provider, 7 get 429 with Retry-After")
  void parallelAttemptsLimited() throws Exception {
    String number = IdentityTest.idNumber(LocalDate.of(1988, 3, 9), 42);
    TestUsers.TestUser owner = TestUsers.register(http);
    assertThat(verify(owner.accessToken(), number).status()).isEqualTo(200);
    TestUsers.TestUser prober = TestUsers.register(http);

    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<TestHttp.Response> answers = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<TestHttp.Response>> pending = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        pending.add(pool.submit(() -> {
          go.await();
          return verify(prober.accessToken(), number);
        }));
      }
      go.countDown();
      for (Future<TestHttp.Response> f : pending) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    // identity_already_used is decided after the provider answered: each one is a paid call.
    assertThat(answers.stream().filter(r -> r.status() == 409).count()).as("%s", answers).isEqualTo(5);
    List<TestHttp.Response> limited = answers.stream().filter(r -> r.status() == 429).toList();
    assertThat(limited).hasSize(PARALLEL - 5).allSatisfy(r -> {
      assertThat(r.json().getString("code")).isEqualTo("identity_rate_limited");
      assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(86_000L, 86_400L);
    });
    assertThat(AuditRows.count("identity_failed", prober.id())).as("every attempt audited").isEqualTo(PARALLEL);
    assertThat(AuditRows.count("identity_verified", owner.id())).isEqualTo(1);

    TestUsers.TestUser fresh = TestUsers.register(http);
    assertThat(verify(fresh.accessToken(), IdentityTest.idNumber(LocalDate.of(1991, 7, 1), 7)).status())
      .as("the limit is per user").isEqualTo(200);
  }
}
