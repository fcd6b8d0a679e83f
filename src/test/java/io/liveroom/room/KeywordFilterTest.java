package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.support.Await;
import io.liveroom.text.KeywordFilter;
import io.liveroom.text.KeywordList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("The chat keyword filter masks or rejects, and its list reloads when the file changes")
class KeywordFilterTest {
  private RoomFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @DisplayName("Mask words become asterisks (case-insensitive, inside other text, CJK too); reject words refuse")
  void maskAndReject() {
    KeywordFilter f = KeywordList.parse(List.of("# comment", "", "darn", "傻瓜", "!scamlink.example"));
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.apply("well DARN it").text()).isEqualTo("well **** it");
    assertThat(f.apply("well DARN it").masked()).isTrue();
    assertThat(f.apply("你是傻瓜吗").text()).isEqualTo("你是**吗");
    assertThat(f.apply("darndarn").text()).isEqualTo("********");
    assertThat(f.apply("visit scamlink.example now").rejected()).isTrue();
    KeywordFilter.Result clean = f.apply("a nice evening");
    assertThat(clean.masked()).isFalse();
    assertThat(clean.rejected()).isFalse();
    assertThat(clean.text()).isEqualTo("a nice evening");
  }

  @Test
  @DisplayName("Chat is masked or rejected by the configured file, and an edit of the file applies without restart")
  void hotReload() throws Exception {
    Path file = Files.createTempFile("keywords", ".txt");
    Files.writeString(file, "darn\n!spam\n");
    fx = RoomFixture.start(json -> json.getJsonObject("rooms").getJsonObject("chat")
      .put("filter", new io.vertx.core.json.JsonObject().put("file", file.toString()).put("reloadSeconds", 1)));
    Room room = fx.liveRoom(user("host", true));
    long ann = user("ann", true);
    assertThat(fx.chat(ann, room, "oh darn").getString("text")).isEqualTo("oh ****");
    AppException e = catchThrowableOfType(AppException.class, () -> fx.chat(ann, room, "buy spam"));
    assertThat(e.code()).isEqualTo(ErrorCode.CHAT_BLOCKED_WORD);

    Files.writeString(file, "heck\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    Await.within(5_000, () -> !fx.rooms.keywords().current().apply("heck").text().equals("heck"));
    assertThat(fx.chat(ann, room, "heck yes").getString("text")).isEqualTo("**** yes");
    assertThat(fx.chat(ann, room, "buy spam").getString("text")).isEqualTo("buy spam");
    Files.deleteIfExists(file);
  }
}
