package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.RpcMethod;
import io.liveroom.support.Await;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Likes: taps counted in Redis, published as an aggregate at most about once a second")
class LikesTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @DisplayName("1,000 taps become a handful of `likes` publications, the last carrying the right total")
  void thousandTaps() throws Exception {
    fx = RoomFixture.start();
    Room room = fx.liveRoom(user("host", true));
    List<Long> viewers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      viewers.add(user("v" + i, false));
    }
    RpcMethod like = fx.rooms.rpcMethods().get(0);
    assertThat(like.name()).isEqualTo("room.like");
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      long viewer = viewers.get(i % viewers.size());
      calls.add(like.call(new RpcMethod.RpcContext(principal(viewer), "c" + viewer),
        new JsonObject().put("roomId", room.id()).put("count", 1)));
    }
    await(Future.all(calls));

    Await.within(5_000, () -> lastTotalIs(room, 1_000));
    List<JsonObject> likes = fx.realtime.ofType(room.channel(), "likes");
    assertThat(likes).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    assertThat(likes.get(likes.size() - 1).getLong("total")).isEqualTo(1_000L);
    assertThat(likes).extracting(l -> l.getLong("total")).isSorted();
    JsonObject stats = await(fx.rooms.stats().stats(room.id()));
    assertThat(stats.getLong("totalLikes")).isEqualTo(1_000L);
  }

  private boolean lastTotalIs(Room room, long total) {
    List<JsonObject> likes = fx.realtime.ofType(room.channel(), "likes");
    return !likes.isEmpty() && likes.get(likes.size() - 1).getLong("total") == total;
  }

  @Test
  @DisplayName("room.like validates its parameters and needs a live room")
  void validation() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room idle = await(fx.rooms.lifecycle().create(principal(host), new NewRoom("t", null, "talk", List.of()))).room();
    RpcMethod like = fx.rooms.rpcMethods().get(0);
    RpcMethod.RpcContext ctx = new RpcMethod.RpcContext(principal(host), "c1");
    AppException bad = catchThrowableOfType(AppException.class, () ->
      await(like.call(ctx, new JsonObject().put("roomId", idle.id()).put("count", 100_000))));
    assertThat(bad.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(bad.fieldErrors()).extracting(f -> f.field()).containsExactly("count");
    AppException notLive = catchThrowableOfType(AppException.class, () ->
      await(like.call(ctx, new JsonObject().put("roomId", idle.id()).put("count", 3))));
    assertThat(notLive.code()).isEqualTo(ErrorCode.ROOM_NOT_LIVE);
  }

  @Test
  @DisplayName("Taps over the per-user cap per minute are accepted but not counted")
  void perUserCap() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("likes").put("maxPerUserPerMinute", 250));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    long bob = user("bob", true);
    long total = 0;
    for (int i = 0; i < 5; i++) {
      total = await(fx.rooms.likes().tap(ann, room.id(), 100));
    }
    assertThat(total).isEqualTo(250);
    assertThat(await(fx.rooms.likes().tap(bob, room.id(), 10))).isEqualTo(260);
  }
}
