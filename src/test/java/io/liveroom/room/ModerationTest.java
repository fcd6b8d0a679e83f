package io.liveroom.room;

import io.liveroom.support.Await;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.liveroom.room.RoomFixture.admin;
import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.count;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Moderation: mute, kick, ban, delete, pin, close; refused with clear codes and audit-logged")
class ModerationTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private static AppException refusal(Runnable action) {
    return catchThrowableOfType(AppException.class, action::run);
  }

  @Test
  @DisplayName("A muted user's publish is refused with room_muted until unmuted; they can still watch")
  void mute() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    await(fx.rooms.moderation().mute(principal(host), room.id(), ann, Duration.ofMinutes(5)));

    AppException e = refusal(() -> fx.chat(ann, room, "hi"));
    assertThat(e.code()).isEqualTo(ErrorCode.ROOM_MUTED);
    assertThat(e.retryAfterSeconds()).isBetween(290L, 300L);
    await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel()));
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'room.mute' AND subject_id = ? AND actor_id = ?", ann, host))
      .isEqualTo(1);

    await(fx.rooms.moderation().lift(principal(host), room.id(), ann, Restriction.MUTE));
    assertThat(fx.chat(ann, room, "back").getString("text")).isEqualTo("back");
  }

  @Test
  @DisplayName("A kicked viewer's chat that arrives before the kick's unsubscribe is refused with 103, as after it")
  void kickedChatBeforeUnsubscribe() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    assertThat(fx.chat(ann, room, "hello").getString("text")).isEqualTo("hello");
    // The recording core keeps the subscription: this is the chat rules' own answer.
    await(fx.rooms.moderation().kick(principal(host), room.id(), ann, Duration.ofSeconds(30)));
    AppException e = refusal(() -> fx.chat(ann, room, "still here?"));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.code().protocolCode()).isEqualTo(103);
  }

  @Test
  @DisplayName("A kicked user is unsubscribed and cannot re-subscribe until the re-join ban expires")
  void kick() throws Exception {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    await(fx.rooms.moderation().kick(principal(host), room.id(), ann, Duration.ofSeconds(1)));

    assertThat(fx.realtime.unsubscribes).containsExactly(new RecordingRealtime.Unsubscribe(ann, room.channel()));
    AppException e = refusal(() -> await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel())));
    assertThat(e.code()).isEqualTo(ErrorCode.ROOM_KICKED);
    assertThat(e.retryAfterSeconds()).isEqualTo(1L);
    assertThat(fx.realtime.ofType(room.channel(), "moderation")).singleElement()
      .satisfies(n -> assertThat(n.getString("action")).isEqualTo("kick"));

    boolean allowed = Await.within(5_000, () -> {
      try {
        await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel()));
        return true;
      } catch (AppException stillKicked) {
        return false;
      }
    });
    assertThat(allowed).as("re-subscribe allowed after the re-join ban").isTrue();
  }

  @Test
  @DisplayName("A banned user is refused at subscribe and at publish, and likes; a ban survives a new session")
  void ban() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    await(fx.rooms.moderation().ban(principal(host), room.id(), ann, null));

    assertThat(refusal(() -> await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel()))).code())
      .isEqualTo(ErrorCode.ROOM_BANNED);
    assertThat(refusal(() -> fx.chat(ann, room, "hi")).code()).isEqualTo(ErrorCode.ROOM_BANNED);
    assertThat(refusal(() -> await(fx.rooms.likes().tap(ann, room.id(), 1))).code()).isEqualTo(ErrorCode.ROOM_BANNED);

    // Redis loses everything; the next session reloads the ban from PostgreSQL.
    await(fx.rooms.lifecycle().end(principal(host), room.id()));
    await(fx.node.redis().flushall(List.of()));
    await(fx.rooms.lifecycle().start(principal(host), room.id()));
    assertThat(refusal(() -> fx.chat(ann, room, "hi again")).code()).isEqualTo(ErrorCode.ROOM_BANNED);
  }

  @Test
  @DisplayName("Only the host, room moderators and staff moderate; nobody can act on the host; mods not on mods")
  void whoMayModerate() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long mod = user("mod", true);
    long mod2 = user("mod2", true);
    long ann = user("ann", true);
    assertThat(refusal(() -> await(fx.rooms.moderation().mute(principal(ann), room.id(), mod, Duration.ofMinutes(1)))).code())
      .isEqualTo(ErrorCode.NOT_ROOM_STAFF);
    assertThat(refusal(() -> await(fx.rooms.moderation().appoint(principal(mod), room.id(), ann))).code())
      .isEqualTo(ErrorCode.NOT_ROOM_STAFF);
    await(fx.rooms.moderation().appoint(principal(host), room.id(), mod));
    await(fx.rooms.moderation().appoint(principal(host), room.id(), mod2));
    assertThat(refusal(() -> await(fx.rooms.moderation().mute(principal(mod), room.id(), host, Duration.ofMinutes(1)))).code())
      .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(() -> await(fx.rooms.moderation().ban(principal(mod), room.id(), mod2, null))).code())
      .isEqualTo(ErrorCode.FORBIDDEN);
    await(fx.rooms.moderation().mute(principal(mod), room.id(), ann, Duration.ofMinutes(1)));
    assertThat(refusal(() -> fx.chat(ann, room, "hi")).code()).isEqualTo(ErrorCode.ROOM_MUTED);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'room.moderator.appoint'")).isEqualTo(2);
  }

  @Test
  @DisplayName("A viewer's standing says who sees moderation controls: host, appointed moderator, platform staff, or nobody")
  void standing() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long mod = user("mod", true);
    long ann = user("ann", true);
    long staff = user("staff", true);
    await(fx.rooms.moderation().appoint(principal(host), room.id(), mod));
    assertThat(await(fx.rooms.moderation().standing(principal(host), room.id())))
      .isEqualTo(new JsonObject().put("staff", true).put("role", "host"));
    assertThat(await(fx.rooms.moderation().standing(principal(mod), room.id())))
      .isEqualTo(new JsonObject().put("staff", true).put("role", "moderator"));
    assertThat(await(fx.rooms.moderation().standing(admin(staff), room.id())))
      .isEqualTo(new JsonObject().put("staff", true).put("role", "platform"));
    assertThat(await(fx.rooms.moderation().standing(principal(ann), room.id())))
      .isEqualTo(new JsonObject().put("staff", false).put("role", null));
    assertThat(refusal(() -> await(fx.rooms.moderation().standing(principal(ann), room.id() + 1000))).code())
      .isEqualTo(ErrorCode.ROOM_NOT_FOUND);
    await(fx.rooms.moderation().dismiss(principal(host), room.id(), mod));
    assertThat(await(fx.rooms.moderation().standing(principal(mod), room.id())).getBoolean("staff")).isFalse();
  }

  @Test
  @DisplayName("Deleting a message publishes `removed` and marks it deleted; pinning publishes `pinned`")
  void deleteAndPin() throws Exception {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    JsonObject keep = fx.chat(ann, room, "pin me");
    JsonObject drop = fx.chat(ann, room, "delete me");
    Await.within(5_000, () -> fx.rooms.archiveBacklog() == 0);

    await(fx.rooms.moderation().deleteMessage(principal(host), room.id(), Long.parseLong(drop.getString("id"))));
    assertThat(fx.realtime.ofType(room.channel(), "removed")).singleElement()
      .satisfies(r -> assertThat(r.getString("id")).isEqualTo(drop.getString("id")));
    assertThat(count("SELECT count(*) FROM chat_messages WHERE id = ? AND deleted_at IS NOT NULL",
      Long.parseLong(drop.getString("id")))).isEqualTo(1);

    JsonObject pinned = await(fx.rooms.moderation().pin(principal(host), room.id(), Long.parseLong(keep.getString("id"))));
    assertThat(pinned.getString("text")).isEqualTo("pin me");
    assertThat(fx.realtime.ofType(room.channel(), "pinned")).singleElement()
      .satisfies(p -> assertThat(p.getJsonObject("message").getString("id")).isEqualTo(keep.getString("id")));
    assertThat(refusal(() -> await(fx.rooms.moderation().pin(principal(host), room.id(),
      Long.parseLong(drop.getString("id"))))).code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('room.message.delete', 'room.message.pin')"))
      .isEqualTo(2);
  }

  @Test
  @DisplayName("An admin closes any room: viewers get `ended`, chat stops, and it can never go live again")
  void adminClose() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    long staff = user("staff", true);
    assertThat(refusal(() -> await(fx.rooms.lifecycle().close(principal(ann), room.id(), "spam"))).code())
      .isEqualTo(ErrorCode.FORBIDDEN);
    Room closed = await(fx.rooms.lifecycle().close(admin(staff), room.id(), "terms violation"));
    assertThat(closed.status()).isEqualTo(Room.CLOSED);
    assertThat(fx.realtime.ofType(room.channel(), "ended")).singleElement()
      .satisfies(e -> assertThat(e.getString("reason")).isEqualTo("closed_by_admin"));
    assertThat(refusal(() -> fx.chat(ann, room, "hi")).code()).isEqualTo(ErrorCode.ROOM_NOT_LIVE);
    assertThat(refusal(() -> await(fx.rooms.lifecycle().start(principal(host), room.id()))).code())
      .isEqualTo(ErrorCode.ROOM_CLOSED);
    assertThat(refusal(() -> await(fx.rooms.namespace().authorizeSubscribe(principal(ann), room.channel()))).code())
      .isEqualTo(ErrorCode.ROOM_CLOSED);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'room.close' AND actor_id = ?", staff)).isEqualTo(1);
  }
}
