package io.liveroom.http;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.Await;
import io.liveroom.support.TcpProxy;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PostgreSQL down: PG-backed endpoints answer 503 with Retry-After, fast, and recover by themselves")
class PgOutageTest {
  private TcpProxy postgres;
  private Node node;
  private TestHttp http;

  @BeforeEach
  void boot() {
    TestInfra.get().reset();
    postgres = TcpProxy.toTestPostgres();
    node = TestNodes.start(json -> json.getJsonObject("pg").put("url", postgres.pgUrl()));
    http = new TestHttp(node.httpPort());
  }

  @AfterEach
  void tearDown() {
    postgres.restore();
    TestNodes.stop(node);
    postgres.close();
  }

  @Test
  @DisplayName("GET /me, GET /rooms/{id}, GET /me/wallet, POST /rooms, POST /auth/login and the ledger check: 503 within 2 s")
  void sixEndpointsAnswer503() {
    TestUser host = TestUsers.register(http);
    TestUsers.markVerifiedAdult(host.id());
    TestHttp.Response created = http.post("/api/v1/rooms", room(), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    TestUsers.setRole(host.id(), Role.ADMIN);
    String admin = node.accessTokens().issue(host.id(), Role.ADMIN, host.sessionId());
    Map<String, Supplier<TestHttp.Response>> calls = endpoints(host, roomId, admin);
    calls.forEach((name, call) -> assertThat(call.get().status()).as("%s before the outage", name).isLessThan(300));

    postgres.cut();
    calls.forEach((name, call) -> {
      long start = System.nanoTime();
      TestHttp.Response r = call.get();
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.status()).as("%s during the outage: %s", name, r).isEqualTo(503);
      assertThat(r.json().getString("code")).as(name).isEqualTo("service_unavailable");
      assertThat(r.header("Retry-After")).as("%s Retry-After", name).isNotBlank();
      assertThat(tookMs).as("%s answered in %d ms", name, tookMs).isLessThan(2_000);
    });
    assertThat(http.get("/health/ready").status()).isEqualTo(503);
    assertThat(breakerGauge()).as("breaker gauge during the outage").isEqualTo("1.0");

    postgres.restore();
    awaitStatus(() -> http.get("/health/ready"), 200);
    calls.forEach((name, call) -> assertThat(awaitStatus(call, -1).status()).as("%s after the outage", name)
      .isLessThan(300));
    assertThat(breakerGauge()).as("breaker gauge after the outage").isEqualTo("0.0");
  }

  /** The value of the {@code liveroom_pg_breaker_open} gauge on /metrics. */
  private String breakerGauge() {
    return http.get("/metrics").body().lines().filter(l -> l.startsWith("liveroom_pg_breaker_open"))
      .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
  }

  private Map<String, Supplier<TestHttp.Response>> endpoints(TestUser user, long roomId, String adminToken) {
    Map<String, Supplier<TestHttp.Response>> calls = new LinkedHashMap<>();
    calls.put("GET /me", () -> http.get("/api/v1/me", user.accessToken()));
    calls.put("GET /rooms/{id}", () -> http.get("/api/v1/rooms/" + roomId, user.accessToken()));
    calls.put("GET /me/wallet", () -> http.get("/api/v1/me/wallet", user.accessToken()));
    calls.put("POST /rooms", () -> http.post("/api/v1/rooms", room(), user.accessToken()));
    calls.put("POST /auth/login", () -> http.post("/api/v1/auth/login", new JsonObject().put("phone", user.phone())
      .put("password", user.password())));
    calls.put("GET /admin/ledger/check", () -> http.get("/api/v1/admin/ledger/check", adminToken));
    return calls;
  }

  private static JsonObject room() {
    return new JsonObject().put("title", "Outage show").put("category", "music");
  }

  /** Polls until the status is {@code status} (or, for -1, any success); fails after 15 s. */
  private static TestHttp.Response awaitStatus(Supplier<TestHttp.Response> call, int status) {
    TestHttp.Response last = Await.value(15_000, call, r -> status == -1 ? r.status() < 300 : r.status() == status);
    if (status == -1 ? last.status() < 300 : last.status() == status) {
      return last;
    }
    throw new AssertionError("never became " + (status == -1 ? "a success" : status) + "; last: " + last);
  }
}
