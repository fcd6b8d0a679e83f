package io.liveroom.room;

import io.liveroom.account.PgUserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.support.Await;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.sql;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Live chat does not depend on PostgreSQL being up, and stored chat can be reloaded")
class OutageTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    sql("ALTER TABLE IF EXISTS users_away RENAME TO users");
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @DisplayName("When the user directory fails, a profile seen before is used; an unseen user's lookup still fails")
  void staleProfileOnOutage() {
    fx = RoomFixture.start();
    long ann = user("ann", true);
    long bob = user("bob", true);
    Profiles profiles = new Profiles(new PgUserDirectory(fx.node.pool()), Duration.ZERO, Clock.systemUTC());
    UserSummary seen = await(profiles.find(ann));

    sql("ALTER TABLE users RENAME TO users_away");
    assertThat(await(profiles.find(ann))).isEqualTo(seen);
    assertThatThrownBy(() -> await(profiles.find(bob))).isNotNull();
  }

  @Test
  @DisplayName("A viewer who subscribed before PostgreSQL went away keeps chatting during the outage")
  void chatThroughOutage() {
    fx = RoomFixture.start();
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel()));
    sql("ALTER TABLE users RENAME TO users_away");
    JsonObject m = fx.chat(ann, room, "still here");
    assertThat(m.getJsonObject("sender").getString("nickname")).isEqualTo("ann");
  }

  @Test
  @DisplayName("Stored chat comes back oldest first, as chat publications, without deleted messages")
  void recentChat() throws Exception {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    fx.chat(ann, room, "one");
    JsonObject two = fx.chat(ann, room, "two");
    fx.chat(ann, room, "three");
    Await.within(5_000, () -> fx.rooms.archiveBacklog() == 0);
    await(fx.rooms.moderation().deleteMessage(principal(host), room.id(), Long.parseLong(two.getString("id"))));
    List<JsonObject> recent = await(fx.rooms.recentChat(room.id(), 10));
    assertThat(recent).extracting(m -> m.getString("text")).containsExactly("one", "three");
    assertThat(recent.get(0).getString("type")).isEqualTo("chat");
    assertThat(recent.get(0).getJsonObject("sender").getString("nickname")).isEqualTo("ann");
    assertThat(await(fx.rooms.recentChat(room.id(), 1))).extracting(m -> m.getString("text")).containsExactly("three");
  }

  @Test
  @DisplayName("Stopping writes the queued chat to PostgreSQL first")
  void stopDrains() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat")
      .put("rateLimit", new JsonObject().put("messages", 1000).put("windowSeconds", 10))
      .put("archive", new JsonObject().put("bufferSize", 1000).put("batchSize", 10)
        .put("flushMillis", 60_000).put("maxRetryDelaySeconds", 1)));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    for (int i = 0; i < 25; i++) {
      fx.chat(ann, room, "m" + i);
    }
    assertThat(fx.rooms.archiveBacklog()).isEqualTo(25);
    await(fx.rooms.stop());
    await(fx.rooms.drain());
    assertThat(RoomFixture.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", room.id())).isEqualTo(25);
  }
}
