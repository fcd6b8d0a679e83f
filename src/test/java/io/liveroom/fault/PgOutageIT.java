package io.liveroom.fault;

import io.liveroom.support.Await;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.liveroom.fault.FaultApi.channel;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PostgreSQL immediate stop for 10 s: chat goes on and is archived, PG-backed endpoints answer 503 fast")
class PgOutageIT {
  private static final long OUTAGE_MILLIS = 10_000;
  private static final long PROBE_BOUND_MILLIS = 2_000;
  private static final long ACK_P99_BOUND_MILLIS = 100;

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  /** One endpoint's answer during the outage. */
  record Probe(String endpoint, int status, long millis) {
  }

  @Test
  @DisplayName("every accepted chat message archived exactly once, six endpoints answer 503 within 2 s, chat acks stay under 100 ms p99")
  void chatSurvivesAndEndpointsFailFast() {
    Topology t = suite.topology();
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    TestUser ann = api.user(true);
    TestUser bob = api.user(false);
    TestUser other = api.user(true);
    String admin = api.adminToken();
    long room = api.liveRoom(host);

    try (ClientRig rig = new ClientRig()) {
      RecoveringClient annWs = rig.startAll(1, 1, i -> rig.client(t.node(0).port(), ann.accessToken(), channel(room))).get(0);
      RecoveringClient bobWs = rig.startAll(1, 1, i -> rig.client(t.node(1).port(), bob.accessToken(), channel(room))).get(0);
      assertThat(Drill.chat(annWs, room, "before the outage").containsKey("error")).isFalse();
      Await.until("bob has the first message", 10, () -> !bobWs.pubs().isEmpty());

      t.pg.stopImmediate();
      long downAt = System.nanoTime();
      CompletableFuture<List<Probe>> probes = CompletableFuture.supplyAsync(() -> probeEndpoints(api, room, ann, other, admin));
      List<String> accepted = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      List<Long> ackMillis = new ArrayList<>();
      for (int i = 0; Drill.millisSince(downAt, System.nanoTime()) < OUTAGE_MILLIS; i++) {
        String text = "outage " + i;
        long sent = System.nanoTime();
        JsonObject reply = Drill.tryChat(annWs, room, text);
        ackMillis.add(Drill.millisSince(sent, System.nanoTime()));
        if (reply != null && !reply.containsKey("error")) {
          accepted.add(text);
        } else {
          refused.add(text + ": " + reply);
        }
        Await.pause(100);
      }
      List<Probe> answers = probes.join();
      t.pg.start();
      for (NodeProcess n : t.nodes) {
        n.awaitReady(60);
      }
      accepted.add("before the outage");
      boolean archived = Await.within(60_000, () -> api.count("SELECT count(DISTINCT text) FROM chat_messages WHERE room_id = ?"
        + " AND text = ANY(?)", room, accepted.toArray(String[]::new)) == accepted.size());
      long archivedRows = api.count("SELECT count(*) FROM chat_messages WHERE room_id = ? AND text = ANY(?)", room,
        accepted.toArray(String[]::new));

      Drill.figure("PgOutageIT", "chat publishes during the 10 s outage (accepted / refused)", accepted.size() - 1 + " / " + refused.size());
      Drill.figure("PgOutageIT", "chat ack during the outage p50 / p99 / max ms", Drill.percentile(ackMillis, 50) + " / "
        + Drill.percentile(ackMillis, 99) + " / " + Drill.percentile(ackMillis, 100));
      Drill.figure("PgOutageIT", "accepted messages archived (rows / messages)", archivedRows + " / " + accepted.size());
      Drill.figure("PgOutageIT", "PG-backed endpoints during the outage", answers);

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(refused).as("chat publishes refused during the outage").isEmpty();
      soft.assertThat(archived).as("every accepted message archived after PostgreSQL came back").isTrue();
      soft.assertThat(archivedRows).as("archived rows of the accepted messages (exactly once each)").isEqualTo(accepted.size());
      soft.assertThat(Drill.percentile(ackMillis, 99)).as("chat ack p99 during the outage, ms").isLessThan(ACK_P99_BOUND_MILLIS);
      for (Probe p : answers) {
        soft.assertThat(p.status()).as("%s during the outage", p.endpoint()).isEqualTo(503);
        soft.assertThat(p.millis()).as("%s answered within 2 s", p.endpoint()).isLessThanOrEqualTo(PROBE_BOUND_MILLIS);
      }
      soft.assertAll();
    }
  }

  /** Each PostgreSQL-backed endpoint once, through nginx, timed. */
  private static List<Probe> probeEndpoints(FaultApi api, long room, TestUser user, TestUser host, String admin) {
    TestHttp http = api.http;
    Map<String, Supplier<TestHttp.Response>> calls = new LinkedHashMap<>();
    calls.put("GET /api/v1/me", () -> http.get("/api/v1/me", user.accessToken()));
    calls.put("GET /api/v1/rooms/{id}", () -> http.get("/api/v1/rooms/" + room, user.accessToken()));
    calls.put("GET /api/v1/me/wallet", () -> http.get("/api/v1/me/wallet", user.accessToken()));
    calls.put("POST /api/v1/rooms", () -> http.post("/api/v1/rooms", new JsonObject().put("title", "During the outage")
      .put("category", "music"), host.accessToken()));
    calls.put("POST /api/v1/auth/login", () -> http.post("/api/v1/auth/login", new JsonObject().put("phone", user.phone())
      .put("password", TestUsers.PASSWORD)));
    calls.put("GET /api/v1/admin/ledger/check", () -> http.get("/api/v1/admin/ledger/check", admin));
    List<Probe> out = new ArrayList<>();
    calls.forEach((name, call) -> {
      long start = System.nanoTime();
      int status = call.get().status();
      out.add(new Probe(name, status, Drill.millisSince(start, System.nanoTime())));
    });
    return out;
  }
}
