package io.liveroom.fault;

import io.liveroom.support.Await;
import io.liveroom.support.TestUsers.TestUser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.fault.FaultApi.channel;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reconnect storm: 5,000 connections dropped at once reconnect with recovery")
class ReconnectStormIT {
  private static final int CONNECTIONS = Integer.getInteger("fault.storm.connections", 5_000);
  private static final int USERS = 10;
  private static final int DURING = 5;

  @RegisterExtension
  static final FaultSuite suite = new FaultSuite();

  @Test
  @DisplayName("5,000 room subscribers behind nginx, all dropped at once, all back with recovered: true and nothing missed, zero errors")
  void stormRecovers() {
    Topology t = suite.topology();
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    List<TestUser> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(api.user(false));
    }
    long room = api.liveRoom(host);
    try (ClientRig rig = new ClientRig()) {
      long connectStart = System.nanoTime();
      List<RecoveringClient> clients = rig.startAll(CONNECTIONS, 200,
        i -> rig.client(t.lbPort(), users.get(i % USERS).accessToken(), channel(room)));
      long connectMillis = Drill.millisSince(connectStart, System.nanoTime());
      RecoveringClient publisher = rig.startAll(1, 1, i -> rig.client(t.node(1).port(), host.accessToken(), channel(room))).get(0);
      assertThat(Drill.chat(publisher, room, "before the storm").containsKey("error")).isFalse();
      long first = publisher.offset();
      Await.until("every connection has the first message", 60, () -> clients.stream().allMatch(c -> c.offset() >= first));

      long dropAt = System.nanoTime();
      for (RecoveringClient c : clients) {
        c.reconnectFor(120_000);
        c.drop();
      }
      for (int i = 0; i < DURING; i++) {
        assertThat(Drill.chat(publisher, room, "during the storm " + i).containsKey("error")).isFalse();
      }
      long top = publisher.offset();
      boolean allBack = Await.within(180_000, () -> clients.stream().allMatch(c -> c.subscribed() && c.offset() >= top
        && !c.recoveries().isEmpty()));
      long stormMillis = Drill.millisSince(dropAt, System.nanoTime());
      List<Long> perClient = clients.stream().filter(c -> !c.recoveries().isEmpty())
        .map(c -> Drill.millisSince(dropAt, c.recoveries().get(0).atNanos())).toList();
      List<Long> fromClose = clients.stream().filter(c -> !c.recoveries().isEmpty() && c.closedAtNanos() > 0)
        .map(c -> Drill.millisSince(c.closedAtNanos(), c.recoveries().get(0).atNanos())).toList();
      long errors = clients.stream().mapToLong(c -> c.errors().size()).sum();
      long retried = clients.stream().mapToLong(c -> c.retried().size()).sum();
      long notRecovered = clients.stream().filter(c -> c.recoveries().stream().anyMatch(r -> !r.recovered())).count();
      long gaps = clients.stream().mapToLong(c -> c.silentGaps() + c.duplicates()).sum();
      long missing = clients.stream().filter(c -> c.offset() < top).count();

      Drill.figure("ReconnectStormIT", CONNECTIONS + " connections opened through nginx in, ms", connectMillis);
      Drill.figure("ReconnectStormIT", "drop of all to all recovered, ms", allBack ? stormMillis : "not all within 180 s");
      Drill.figure("ReconnectStormIT", "per connection, drop to recovered p50 / p99 / max ms", Drill.percentile(perClient, 50)
        + " / " + Drill.percentile(perClient, 99) + " / " + Drill.percentile(perClient, 100));
      Drill.figure("ReconnectStormIT", "per connection, socket closed to recovered p50 / p99 / max ms", Drill.percentile(fromClose, 50)
        + " / " + Drill.percentile(fromClose, 99) + " / " + Drill.percentile(fromClose, 100));
      Drill.figure("ReconnectStormIT", "errors / recovered:false / silent gaps / behind", errors + " / " + notRecovered
        + " / " + gaps + " / " + missing);
      Drill.figure("ReconnectStormIT", "attempts retried after a transient failure (distinct causes)", retried + " "
        + clients.stream().flatMap(c -> c.retried().stream()).map(w -> w.replaceAll("[0-9.]+:[0-9]+", "*")).distinct().limit(5).toList());

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(allBack).as("every connection back and caught up").isTrue();
      soft.assertThat(errors).as("reconnects refused or given up: %s", clients.stream().flatMap(c -> c.errors().stream())
        .distinct().limit(5).toList()).isZero();
      soft.assertThat(notRecovered).as("connections answered recovered: false").isZero();
      soft.assertThat(gaps).as("silent gaps and duplicates").isZero();
      soft.assertThat(missing).as("connections missing publications").isZero();
      soft.assertAll();
    }
  }
}
