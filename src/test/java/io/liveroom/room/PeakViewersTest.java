package io.liveroom.room;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("peakViewers counts a peak that nobody read while it lasted")
class PeakViewersTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    // The hot-list refresh also observes the count: an hour apart, so only joins and leaves can.
    .config(json -> json.getJsonObject("rooms").getJsonObject("hot").put("decayIntervalSeconds", 3_600))
    .build();
  private LiveRoomClients app;

  @BeforeEach
  void clients() {
    app = new LiveRoomClients(node.get());
  }

  @AfterEach
  void closeClients() {
    app.close();
  }

  @Test
  @DisplayName("Three viewers join and leave without anyone reading the stats: the session's peak is 3, live and after it ends")
  void shortPeakIsKept() {
    TestUser host = app.user("host", true);
    long room = app.liveRoom(host);
    List<TestSocket> viewers = List.of(app.watch(app.user("ann", false), room), app.watch(app.user("bob", false), room),
      app.watch(app.user("cat", false), room));
    // The joins raise the peak as they happen (asynchronously after each subscribe reply); nothing
    // reads the stats here, the test looks at the stored peak itself.
    String peakKey = "lr:{r" + room + "}:peak";
    assertThat(Await.within(5_000, () -> "3".equals(RedisProbe.command(TestInfra.get().redisUrl(), "GET", peakKey))))
      .as("peak raised to 3 by the joins").isTrue();
    for (TestSocket ws : viewers) {
      JsonObject reply = ws.request("unsubscribe", new JsonObject().put("channel", LiveRoomClients.channel(room)));
      assertThat(reply.containsKey("error")).as("unsubscribe: %s", reply).isFalse();
    }
    JsonObject live = Await.value(5_000, () -> stats(room, host), s -> Integer.valueOf(0).equals(s.getInteger("currentViewers")));
    assertThat(live.getInteger("peakViewers")).isEqualTo(3);

    assertThat(app.send("POST", "/api/v1/rooms/" + room + "/end", null, host).status()).isEqualTo(200);
    JsonObject ended = stats(room, host);
    assertThat(ended.getBoolean("live")).isFalse();
    assertThat(ended.getInteger("peakViewers")).isEqualTo(3);
  }

  private JsonObject stats(long room, TestUser as) {
    var r = node.http().get("/api/v1/rooms/" + room + "/stats", as.accessToken());
    assertThat(r.status()).as("stats: %s", r).isEqualTo(200);
    return r.json();
  }
}
