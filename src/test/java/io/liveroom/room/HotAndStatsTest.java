package io.liveroom.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The hot list ranks live rooms by a decaying score; stats report viewers, likes and messages")
class HotAndStatsTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @DisplayName("Chat, likes and gifts raise a room's score; decay lowers it; ended rooms leave the list")
  void hotList() {
    fx = RoomFixture.start();
    long hostA = user("a", true);
    long hostB = user("b", true);
    Room quiet = fx.liveRoom(hostA);
    Room busy = fx.liveRoom(hostB);
    long ann = user("ann", true);
    fx.chat(ann, busy, "hi");
    fx.rooms.hot().record(busy.id(), HotRanking.Signal.GIFT, 10_000);
    fx.rooms.hot().record(quiet.id(), HotRanking.Signal.LIKE, 10);
    await(fx.rooms.hot().flush());

    JsonArray hot = await(fx.rooms.stats().hot(10));
    assertThat(hot).hasSize(2);
    assertThat(hot.getJsonObject(0).getLong("id")).isEqualTo(busy.id());
    double before = hot.getJsonObject(0).getDouble("score");
    assertThat(before).isEqualTo(2.0 + 100.0);

    await(fx.node.redis().del(java.util.List.of(RoomKeys.HOT_DECAY_CLAIM)));
    await(fx.rooms.hot().decay());
    double after = await(fx.rooms.stats().hot(10)).getJsonObject(0).getDouble("score");
    assertThat(after).isLessThan(before).isGreaterThan(before * 0.95);

    await(fx.rooms.lifecycle().end(principal(hostB), busy.id()));
    JsonArray left = await(fx.rooms.stats().hot(10));
    assertThat(left).extracting(o -> ((JsonObject) o).getLong("id")).containsExactly(quiet.id());
  }

  @Test
  @DisplayName("Stats show current and peak viewers, likes and messages; the ended session keeps them")
  void stats() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    fx.chat(ann, room, "one");
    fx.chat(ann, room, "two");
    await(fx.rooms.likes().tap(ann, room.id(), 7));
    fx.viewers.set(12);
    JsonObject live = await(fx.rooms.stats().stats(room.id()));
    assertThat(live.getInteger("currentViewers")).isEqualTo(12);
    assertThat(live.getInteger("peakViewers")).isEqualTo(12);
    fx.viewers.set(5);
    live = await(fx.rooms.stats().stats(room.id()));
    assertThat(live.getInteger("currentViewers")).isEqualTo(5);
    assertThat(live.getInteger("peakViewers")).isEqualTo(12);
    assertThat(live.getLong("totalLikes")).isEqualTo(7);
    assertThat(live.getLong("messageCount")).isEqualTo(2);

    await(fx.rooms.lifecycle().end(principal(host), room.id()));
    JsonObject ended = await(fx.rooms.stats().stats(room.id()));
    assertThat(ended.getBoolean("live")).isFalse();
    assertThat(ended.getInteger("peakViewers")).isEqualTo(12);
    assertThat(ended.getLong("totalLikes")).isEqualTo(7);
    assertThat(ended.getLong("messageCount")).isEqualTo(2);
    assertThat(ended.getLong("sessionId")).isEqualTo(room.currentSessionId());
  }
}
