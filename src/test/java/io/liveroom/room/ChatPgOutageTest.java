package io.liveroom.room;

import io.liveroom.Node;
import io.liveroom.support.Await;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TcpProxy;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static io.liveroom.room.LiveRoomClients.chat;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PostgreSQL down: chat stays fast on a cached profile and is archived exactly once when it returns")
class ChatPgOutageTest {
  private static final int MESSAGES = 120;

  private TcpProxy postgres;
  private Node node;
  private LiveRoomClients app;

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    postgres.restore();
    TestNodes.stop(node);
    postgres.close();
  }

  @Test
  @DisplayName("With PostgreSQL cut and the sender's profile past its TTL, 120 publishes are each acknowledged fast")
  void publishesStayFast() {
    TestInfra.get().reset();
    postgres = TcpProxy.toTestPostgres();
    MutableClock clock = MutableClock.now();
    node = TestNodes.start(clock, json -> {
      json.getJsonObject("pg").put("url", postgres.pgUrl());
      // One client publishes back to back: lift the per-connection command rate.
      json.getJsonObject("realtime").put("commandsPerSecond", 10_000);
      JsonObject rooms = json.getJsonObject("rooms").put("publishBudgetPerSecond", 100_000);
      rooms.getJsonObject("chat").put("rateLimit", new JsonObject().put("messages", 1_000).put("windowSeconds", 10))
        .put("archive", new JsonObject().put("bufferSize", 10_000).put("batchSize", 100).put("flushMillis", 50)
          .put("maxRetryDelaySeconds", 1));
    });
    app = new LiveRoomClients(node);
    long room = app.liveRoom(app.user("host", true));
    TestUser ann = app.user("ann", true);
    TestSocket ws = app.watch(ann, room);
    assertThat(chat(ws, room, "before").containsKey("error")).isFalse();

    clock.advance(Duration.ofSeconds(11));
    postgres.cut();
    long[] micros = new long[MESSAGES];
    for (int i = 0; i < MESSAGES; i++) {
      long start = System.nanoTime();
      JsonObject reply = chat(ws, room, "during " + i);
      micros[i] = (System.nanoTime() - start) / 1_000;
      assertThat(reply.containsKey("error")).as("publish %d: %s", i, reply).isFalse();
    }
    Arrays.sort(micros);
    long p99Ms = micros[(int) Math.ceil(MESSAGES * 0.99) - 1] / 1_000;
    long maxMs = micros[MESSAGES - 1] / 1_000;
    System.out.printf("Chat during the PostgreSQL outage: %d publishes, p50 %.1f ms, p99 %d ms, max %d ms%n", MESSAGES,
      micros[MESSAGES / 2] / 1_000.0, p99Ms, maxMs);
    assertThat(p99Ms).as("p99 publish acknowledgement during the outage, ms (max %d)", maxMs).isLessThan(100);
    assertThat(maxMs).as("slowest publish acknowledgement during the outage, ms").isLessThan(250);

    postgres.restore();
    Await.within(15_000, () -> node.rooms().archiveBacklog() == 0);
    assertThat(node.rooms().archiveBacklog()).as("chat still waiting for PostgreSQL").isZero();
    assertThat(RoomFixture.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room)).isEqualTo(MESSAGES + 1);
    assertThat(RoomFixture.count("SELECT count(DISTINCT text) FROM chat_messages WHERE room_id = ? AND text LIKE 'during %'",
      room)).isEqualTo(MESSAGES);
  }
}
