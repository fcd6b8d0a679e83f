package io.liveroom.room;

import io.liveroom.support.Await;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.liveroom.room.RoomFixture.count;
import static io.liveroom.room.RoomFixture.sql;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Accepted chat is persisted to PostgreSQL in batches, and a PostgreSQL outage does not stop chat")
class ChatArchiveTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    sql("ALTER TABLE IF EXISTS chat_messages_away RENAME TO chat_messages");
    if (fx != null) {
      fx.close();
    }
  }

  private static RoomFixture start() {
    return RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat")
      .put("verifiedOnly", false)
      .put("rateLimit", new io.vertx.core.json.JsonObject().put("messages", 1000).put("windowSeconds", 10))
      .put("archive", new io.vertx.core.json.JsonObject().put("bufferSize", 1000).put("batchSize", 50)
        .put("flushMillis", 100).put("maxRetryDelaySeconds", 1)));
  }

  private void awaitBacklog(int atMost) throws InterruptedException {
    Await.within(10_000, () -> fx.rooms.archiveBacklog() <= atMost);
  }

  @Test
  @DisplayName("120 messages reach chat_messages in batches of at most 50, with sender, text and session")
  void batches() throws Exception {
    fx = start();
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    for (int i = 0; i < 120; i++) {
      fx.chat(ann, room, "m" + i);
    }
    awaitBacklog(0);
    assertThat(count("SELECT count(*) FROM chat_messages WHERE room_id = ? AND sender_id = ? AND session_id = ?",
      room.id(), ann, room.currentSessionId())).isEqualTo(120);
    assertThat(count("SELECT count(DISTINCT text) FROM chat_messages")).isEqualTo(120);
    MeterRegistry registry = fx.registry;
    assertThat(registry.get("liveroom.room.chat.persisted").counter().count()).isGreaterThanOrEqualTo(120);
  }

  @Test
  @DisplayName("While chat_messages cannot be written, chat goes on, the backlog is retried, and nothing is lost or doubled")
  void outageAndRetry() throws Exception {
    fx = start();
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    MeterRegistry registry = fx.registry;
    double failuresBefore = registry.get("liveroom.room.chat.archive.failures").counter().count();

    // A real PostgreSQL failure: the table is missing, so every insert fails (42P01).
    sql("ALTER TABLE chat_messages RENAME TO chat_messages_away");
    for (int i = 0; i < 80; i++) {
      fx.chat(ann, room, "during outage " + i);
    }
    Await.within(5_000, () -> registry.get("liveroom.room.chat.archive.failures").counter().count() > failuresBefore);
    assertThat(registry.get("liveroom.room.chat.archive.failures").counter().count()).isGreaterThan(failuresBefore);
    assertThat(fx.rooms.archiveBacklog()).isEqualTo(80);
    assertThat(registry.get("liveroom.room.chat.archive.queued").gauge().value()).isGreaterThan(0);
    assertThat(fx.realtime.ofType(room.channel(), "chat")).hasSize(80);

    sql("ALTER TABLE chat_messages_away RENAME TO chat_messages");
    awaitBacklog(0);
    assertThat(count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room.id())).isEqualTo(80);
  }

  @Test
  @DisplayName("Past the buffer bound the oldest queued messages are dropped and counted, never blocking chat")
  void boundedBuffer() throws Exception {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat")
      .put("verifiedOnly", false)
      .put("rateLimit", new io.vertx.core.json.JsonObject().put("messages", 1000).put("windowSeconds", 10))
      .put("archive", new io.vertx.core.json.JsonObject().put("bufferSize", 100).put("batchSize", 10)
        .put("flushMillis", 100).put("maxRetryDelaySeconds", 1)));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    sql("ALTER TABLE chat_messages RENAME TO chat_messages_away");
    for (int i = 0; i < 150; i++) {
      fx.chat(ann, room, "m" + i);
    }
    assertThat(fx.rooms.archiveBacklog()).isLessThanOrEqualTo(110);
    assertThat(fx.registry.get("liveroom.room.chat.archive.dropped").counter().count())
      .isGreaterThanOrEqualTo(40);
    sql("ALTER TABLE chat_messages_away RENAME TO chat_messages");
    awaitBacklog(0);
    long stored = count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room.id());
    assertThat(stored).isBetween(100L, 110L);
    // The newest message is never the one dropped.
    assertThat(count("SELECT count(*) FROM chat_messages WHERE text = 'm149'")).isEqualTo(1);
  }
}
