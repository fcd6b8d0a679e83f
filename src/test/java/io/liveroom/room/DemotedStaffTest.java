package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liveroom.room.RoomFixture.admin;
import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.principal;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Platform staff powers over rooms follow the role stored now, not the one in an old token")
class DemotedStaffTest {
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
  @DisplayName("A platform admin demoted in accounts can no longer close, moderate or end another's room")
  void demotedAdmin() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long ann = user("ann", true);
    long staff = user("staff", true);
    Principal oldToken = admin(staff);
    await(fx.rooms.moderation().mute(oldToken, room.id(), ann, Duration.ofMinutes(1)));

    RoomFixture.setRole(staff, Role.USER);
    assertThat(refusal(() -> await(fx.rooms.lifecycle().close(oldToken, room.id(), "spam"))).code())
      .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(() -> await(fx.rooms.moderation().kick(oldToken, room.id(), ann, null))).code())
      .isEqualTo(ErrorCode.NOT_ROOM_STAFF);
    assertThat(refusal(() -> await(fx.rooms.lifecycle().end(oldToken, room.id()))).code())
      .isEqualTo(ErrorCode.NOT_ROOM_STAFF);
    assertThat(await(fx.rooms.lifecycle().get(room.id())).live()).as("still live").isTrue();
  }

  @Test
  @DisplayName("A platform moderator demoted in accounts can no longer delete messages or set slow mode")
  void demotedModerator() {
    fx = RoomFixture.start();
    long host = user("host", true);
    Room room = fx.liveRoom(host);
    long mod = user("mod", true);
    RoomFixture.setRole(mod, Role.MODERATOR);
    Principal oldToken = new Principal(mod, Role.MODERATOR, "s-" + mod);
    await(fx.rooms.moderation().slowMode(oldToken, room.id(), 5));

    RoomFixture.setRole(mod, Role.USER);
    assertThat(refusal(() -> await(fx.rooms.moderation().slowMode(oldToken, room.id(), 0))).code())
      .isEqualTo(ErrorCode.NOT_ROOM_STAFF);
    assertThat(refusal(() -> await(fx.rooms.moderation().mute(principal(mod), room.id(), host, Duration.ofMinutes(1))))
      .code()).isEqualTo(ErrorCode.NOT_ROOM_STAFF);
  }
}
