package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Chat in a live room: who may comment, what is published, and the limits")
class ChatRulesTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private static ErrorCode refusal(Runnable action) {
    return catchThrowableOfType(AppException.class, action::run).code();
  }

  @Test
  @DisplayName("Host goes live, 3 viewers chat, and the room gets their messages in order with each sender's profile")
  void threeViewersChatInOrder() {
    fx = RoomFixture.start();
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    long bob = user("bob", true);
    long cid = user("cid", true);
    fx.chat(ann, room, "hello");
    fx.chat(bob, room, "hi ann");
    fx.chat(cid, room, "hey both");
    fx.chat(ann, room, "welcome");

    List<JsonObject> chat = fx.realtime.ofType(room.channel(), "chat");
    assertThat(chat).extracting(m -> m.getString("text")).containsExactly("hello", "hi ann", "hey both", "welcome");
    assertThat(chat).extracting(m -> m.getJsonObject("sender").getString("nickname")).containsExactly("ann", "bob", "cid", "ann");
    JsonObject first = chat.get(0);
    assertThat(first.getJsonObject("sender").getLong("id")).isEqualTo(ann);
    assertThat(first.getJsonObject("sender").getString("avatarUrl")).endsWith("/ann.png");
    assertThat(first.getLong("ts")).isPositive();
    assertThat(chat).extracting(m -> Long.parseLong(m.getString("id"))).isSorted().doesNotHaveDuplicates();
    assertThat(fx.realtime.ofType(room.channel(), "started")).hasSize(1);
    await(fx.rooms.lifecycle().start(principal(room.hostId()), room.id()));
    assertThat(fx.realtime.ofType(room.channel(), "started")).as("a repeated start announces nothing").hasSize(1);
  }

  @Test
  @DisplayName("The room namespace keeps history and presence on, client publish on (subscribers only), join/leave only for small rooms")
  void namespaceOptions() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("channel").put("joinLeaveMaxViewers", 50)
      .put("historySize", 300));
    RoomNamespace ns = fx.rooms.namespace();
    assertThat(ns.name()).isEqualTo("room");
    assertThat(ns.options().historySize()).isEqualTo(300);
    assertThat(ns.options().presence()).isTrue();
    assertThat(ns.options().clientPublish()).isTrue();
    assertThat(ns.options().subscribersPublish()).isTrue();
    assertThat(ns.options().joinLeave()).isFalse();
    assertThat(ns.joinLeaveFor("room:1", 50)).isTrue();
    assertThat(ns.joinLeaveFor("room:1", 51)).isFalse();
  }

  @Test
  @DisplayName("An unverified user can watch but not comment (verified-only is on by default)")
  void unverifiedCanWatchNotComment() {
    fx = RoomFixture.start();
    Room room = fx.liveRoom(user("host", true));
    long guest = user("guest", false);
    await(fx.rooms.namespace().authorizeSubscribe(principal(guest), room.channel()));
    assertThat(refusal(() -> fx.chat(guest, room, "hi"))).isEqualTo(ErrorCode.CHAT_VERIFIED_ONLY);
  }

  @Test
  @DisplayName("With verified-only turned off, an unverified user may comment")
  void verifiedOnlyConfigurable() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat").put("verifiedOnly", false));
    Room room = fx.liveRoom(user("host", true));
    assertThat(fx.chat(user("guest", false), room, "hi").getString("text")).isEqualTo("hi");
  }

  @Test
  @DisplayName("Empty, non-text and over-long messages are refused with their codes")
  void shapeAndLength() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat").put("maxLength", 10));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    assertThat(refusal(() -> fx.chat(ann, room, "   "))).isEqualTo(ErrorCode.CHAT_INVALID);
    assertThat(refusal(() -> await(fx.rooms.namespace().authorizePublish(principal(ann), room.channel(),
      new JsonObject().put("text", 42))))).isEqualTo(ErrorCode.CHAT_INVALID);
    assertThat(refusal(() -> fx.chat(ann, room, "12345678901"))).isEqualTo(ErrorCode.CHAT_TOO_LONG);
    assertThat(refusal(() -> fx.chat(ann, room, "\u200B\u0007"))).isEqualTo(ErrorCode.CHAT_INVALID);
    assertThat(fx.chat(ann, room, "a\u0000b\u202Ec\u200Bd").getString("text")).isEqualTo("abcd");
    // Ten characters that are each a surrogate pair still count as ten.
    assertThat(fx.chat(ann, room, "😀".repeat(10)).getString("text")).hasSize(20);
  }

  @Test
  @DisplayName("The per-user rate limit refuses the message past the limit, with a retry hint")
  void rateLimit() {
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat")
      .put("rateLimit", new JsonObject().put("messages", 3).put("windowSeconds", 60)));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    long bob = user("bob", true);
    for (int i = 0; i < 3; i++) {
      fx.chat(ann, room, "m" + i);
    }
    AppException e = catchThrowableOfType(AppException.class, () -> fx.chat(ann, room, "one too many"));
    assertThat(e.code()).isEqualTo(ErrorCode.CHAT_RATE_LIMITED);
    assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
    assertThat(fx.chat(bob, room, "others are not limited").getString("text")).isEqualTo("others are not limited");
  }

  @Test
  @DisplayName("Slow mode rejects a second message within the cooldown; the host and moderators are exempt")
  void slowMode() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    long mod = user("mod", true);
    await(fx.rooms.moderation().appoint(principal(host), room.id(), mod));
    await(fx.rooms.moderation().slowMode(principal(host), room.id(), 30));

    fx.chat(ann, room, "first");
    AppException e = catchThrowableOfType(AppException.class, () -> fx.chat(ann, room, "second"));
    assertThat(e.code()).isEqualTo(ErrorCode.CHAT_SLOW_MODE);
    assertThat(e.retryAfterSeconds()).isBetween(25L, 30L);
    fx.chat(host, room, "host 1");
    fx.chat(host, room, "host 2");
    fx.chat(mod, room, "mod 1");
    fx.chat(mod, room, "mod 2");
    assertThat(fx.realtime.ofType(room.channel(), "moderation")).anySatisfy(n ->
      assertThat(n.getString("action")).isEqualTo("slow_mode"));

    await(fx.rooms.moderation().slowMode(principal(host), room.id(), 0));
    assertThat(fx.chat(ann, room, "second, slow mode off").getString("text")).isEqualTo("second, slow mode off");
  }

  @Test
  @DisplayName("Ending the session publishes `ended` to the room and further chat is refused")
  void endRejectsChat() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    fx.chat(ann, room, "before");
    Room ended = await(fx.rooms.lifecycle().end(principal(host), room.id()));
    assertThat(ended.status()).isEqualTo(Room.IDLE);
    List<JsonObject> endedEvents = fx.realtime.ofType(room.channel(), "ended");
    assertThat(endedEvents).hasSize(1);
    assertThat(endedEvents.get(0).getLong("sessionId")).isEqualTo(room.currentSessionId());
    assertThat(refusal(() -> fx.chat(ann, room, "after"))).isEqualTo(ErrorCode.ROOM_NOT_LIVE);
  }

  @Test
  @DisplayName("A room that never went live refuses chat; an unknown room refuses subscription")
  void notLiveAndUnknown() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = await(fx.rooms.lifecycle().create(principal(host), new NewRoom("t", null, "talk", List.of()))).room();
    assertThat(refusal(() -> fx.chat(user("ann", true), room, "hi"))).isEqualTo(ErrorCode.ROOM_NOT_LIVE);
    assertThat(refusal(() -> await(fx.rooms.namespace().authorizeSubscribe(principal(host), "room:999999"))))
      .isEqualTo(ErrorCode.ROOM_NOT_FOUND);
    assertThat(refusal(() -> await(fx.rooms.namespace().authorizeSubscribe(principal(host), "room:abc"))))
      .isEqualTo(ErrorCode.UNKNOWN_CHANNEL);
  }
}
