package io.liveroom.privacy;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.liveroom.privacy.PrivacyFixtures.count;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static io.liveroom.privacy.PrivacyFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reports flow through the moderation queue to an action, and the reporter sees the outcome")
class ReportTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static long user(String nickname, String role) {
    return update("INSERT INTO users (nickname, role) VALUES (?, ?) RETURNING id", nickname, role);
  }

  private static String token(long id, Role role) {
    return node.get().accessTokens().issue(id, role, "s-" + id);
  }

  @Test
  @DisplayName("A chat message is reported, a moderator mutes the sender from the queue, audited, and the reporter sees it")
  void reportToMute() {
    long host = user("host", "user");
    long troll = user("troll", "user");
    long reporter = user("reporter", "user");
    long moderator = user("mod", "moderator");
    long room = PrivacyFixtures.room(host, "a room");
    long message = PrivacyFixtures.chat(room, troll, "something nasty");
    String reporterToken = token(reporter, Role.USER);

    TestHttp.Response filed = http.post("/api/v1/reports", new JsonObject().put("messageId", Long.toString(message))
      .put("reason", "harassment").put("details", "insulted me"), reporterToken);
    assertThat(filed.status()).as("file: %s", filed).isEqualTo(201);
    long reportId = filed.json().getLong("id");
    assertThat(filed.json().getLong("targetUserId")).isEqualTo(troll);
    assertThat(filed.json().getLong("roomId")).isEqualTo(room);

    // Ordinary users cannot see the queue.
    assertThat(http.get("/api/v1/moderation/reports", reporterToken).status()).isEqualTo(403);
    String modToken = token(moderator, Role.MODERATOR);
    JsonArray queue = http.get("/api/v1/moderation/reports?status=open", modToken).json().getJsonArray("reports");
    assertThat(queue).extracting(o -> ((JsonObject) o).getLong("id")).contains(reportId);

    TestHttp.Response resolved = http.post("/api/v1/moderation/reports/" + reportId + "/resolution",
      new JsonObject().put("action", "mute").put("durationSeconds", 3600).put("outcome", "The user was muted for an hour."),
      modToken);
    assertThat(resolved.status()).as("resolve: %s", resolved).isEqualTo(200);
    assertThat(resolved.json().getString("status")).isEqualTo("actioned");
    assertThat(count("SELECT count(*) FROM room_restrictions WHERE room_id = ? AND user_id = ? AND kind = 'mute'", room, troll))
      .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'report.mute' AND actor_id = ? AND target_id = ?",
      moderator, Long.toString(reportId))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'room.mute' AND subject_id = ?", troll)).isEqualTo(1);

    // Handled once only.
    TestHttp.Response again = http.post("/api/v1/moderation/reports/" + reportId + "/resolution",
      new JsonObject().put("action", "dismiss"), modToken);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("code")).isEqualTo("report_already_handled");

    JsonObject mine = http.get("/api/v1/me/reports", reporterToken).json().getJsonArray("reports").getJsonObject(0);
    assertThat(mine.getString("status")).isEqualTo("actioned");
    assertThat(mine.getString("action")).isEqualTo("mute");
    assertThat(mine.getString("outcome")).isEqualTo("The user was muted for an hour.");
    assertThat(mine.containsKey("handledBy")).isFalse();
  }

  @Test
  @DisplayName("Reports need exactly one existing target and a known reason")
  void validation() {
    long reporter = user("r2", "user");
    String t = token(reporter, Role.USER);
    TestHttp.Response none = http.post("/api/v1/reports", new JsonObject().put("reason", "spam"), t);
    assertThat(none.status()).isEqualTo(400);
    TestHttp.Response two = http.post("/api/v1/reports", new JsonObject().put("roomId", 1).put("targetUserId", 2)
      .put("reason", "spam"), t);
    assertThat(two.status()).isEqualTo(400);
    TestHttp.Response badReason = http.post("/api/v1/reports", new JsonObject().put("targetUserId", 2).put("reason", "meh"), t);
    assertThat(badReason.status()).isEqualTo(400);
    TestHttp.Response missing = http.post("/api/v1/reports", new JsonObject().put("targetUserId", 999_999).put("reason", "spam"), t);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getString("code")).isEqualTo("report_target_not_found");
  }

  @Test
  @DisplayName("A user deletes their own chat message: text erased, tombstone kept; someone else's is not found")
  void deleteOwnMessage() {
    long sender = user("sender", "user");
    long other = user("other", "user");
    long room = PrivacyFixtures.room(other, "r");
    long mine = PrivacyFixtures.chat(room, sender, "regrettable");
    long theirs = PrivacyFixtures.chat(room, other, "theirs");
    String t = token(sender, Role.USER);
    assertThat(PrivacyFixtures.delete(http, "/api/v1/me/chat-messages/" + mine, Map.of("Authorization", "Bearer " + t))
      .status()).isEqualTo(204);
    assertThat(value("SELECT text FROM chat_messages WHERE id = ?", mine)).isEqualTo("");
    assertThat(value("SELECT deleted_by FROM chat_messages WHERE id = ?", mine)).isEqualTo(sender);
    assertThat(PrivacyFixtures.delete(http, "/api/v1/me/chat-messages/" + theirs, Map.of("Authorization", "Bearer " + t))
      .status()).isEqualTo(404);
    assertThat(value("SELECT text FROM chat_messages WHERE id = ?", theirs)).isEqualTo("theirs");
  }
}
