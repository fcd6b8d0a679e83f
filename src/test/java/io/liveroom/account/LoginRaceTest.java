package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Parallel password guesses: reserved before Argon2 runs, and a full hashing queue answers busy")
class LoginRaceTest {
  private static final int PARALLEL = 50;

  @RegisterExtension
  final NodesPerTest nodes = new NodesPerTest();
  private Node node;
  private ExecutorService clients;

  @AfterEach
  void stop() throws InterruptedException {
    if (clients != null) {
      clients.shutdownNow();
      clients.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** A node with two event loops, 5 attempts per account, the per-IP cap lifted by the base config. */
  private TestHttp boot(Consumer<JsonObject> more) {
    node = nodes.start(json -> {
      json.getJsonObject("http").put("instances", 2);
      json.getJsonObject("accounts").getJsonObject("login").put("maxFailuresPerAccount", 5).put("windowSeconds", 900);
      more.accept(json);
    });
    clients = Executors.newFixedThreadPool(PARALLEL);
    return new TestHttp(node.httpPort());
  }

  /** Password verifications that actually ran Argon2 on this node. */
  private double verifications() {
    Counter c = node.metrics().registry().find("liveroom.accounts.password.verifications").counter();
    return c == null ? 0 : c.count();
  }

  /** Fires every call at once (each with its own client, so over its own connection). */
  private List<TestHttp.Response> all(List<Callable<TestHttp.Response>> calls) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestHttp.Response>> pending = new ArrayList<>();
    for (Callable<TestHttp.Response> call : calls) {
      pending.add(clients.submit(() -> {
        go.await();
        return call.call();
      }));
    }
    go.countDown();
    List<TestHttp.Response> out = new ArrayList<>();
    for (Future<TestHttp.Response> f : pending) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  private Callable<TestHttp.Response> login(String phone, String password) {
    return () -> new TestHttp(node.httpPort()).post("/api/v1/auth/login",
      new JsonObject().put("phone", phone).put("password", password));
  }

  @Test
  @DisplayName("50 parallel wrong logins for one phone: at most 5 are verified, the rest are login_throttled")
  void parallelGuessesReserved() throws Exception {
    TestHttp http = boot(json -> { });
    TestUsers.TestUser victim = TestUsers.register(http);
    double before = verifications();

    List<Callable<TestHttp.Response>> calls = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      calls.add(login(victim.phone(), "guess number " + i));
    }
    List<TestHttp.Response> answers = all(calls);

    long wrong = answers.stream().filter(r -> r.status() == 401).count();
    long throttled = answers.stream().filter(r -> r.status() == 429
      && "login_throttled".equals(r.json().getString("code")) && r.header("Retry-After") != null).count();
    assertThat(wrong).as("guesses checked: %s", answers).isLessThanOrEqualTo(5);
    assertThat(wrong + throttled).as("every answer is 401 or 429: %s", answers).isEqualTo(PARALLEL);
    assertThat(verifications() - before).as("Argon2 verifications").isLessThanOrEqualTo(5);
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", victim.phone())
      .put("password", victim.password())).status()).as("locked even for the right password").isEqualTo(429);
  }

  @Test
  @DisplayName("With one hashing worker and a queue of 2, a burst of logins is answered 503 busy with Retry-After")
  void fullQueueIsBusy() throws Exception {
    boot(json -> json.getJsonObject("accounts").put("passwordWorkers", 1).put("passwordQueueMax", 2));
    List<String> phones = new ArrayList<>();
    List<Callable<TestHttp.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      phones.add(TestUsers.newPhone());
      calls.add(login(phones.get(i), "some password"));
    }
    List<TestHttp.Response> answers = all(calls);

    assertThat(answers).as("answers: %s", answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 503));
    List<TestHttp.Response> busy = answers.stream().filter(r -> r.status() == 503).toList();
    assertThat(busy).as("answers: %s", answers).isNotEmpty().allSatisfy(r -> {
      assertThat(r.json().getString("code")).isEqualTo("busy");
      assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
    });
    assertThat(answers.stream().filter(r -> r.status() == 401).count()).as("1 running + 2 queued got through")
      .isGreaterThanOrEqualTo(3);
    // A busy answer verified nothing, so it cost its phone none of its 5 attempts.
    String busyPhone = phones.get(answers.indexOf(busy.get(0)));
    for (int i = 0; i < 5; i++) {
      assertThat(login(busyPhone, "wrong " + i).call().status()).as("attempt %d", i + 1).isEqualTo(401);
    }
    assertThat(login(busyPhone, "wrong again").call().status()).isEqualTo(429);
  }
}
