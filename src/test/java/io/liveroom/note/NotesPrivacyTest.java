package io.liveroom.note;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.PrivacyRequests;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes in the privacy flows, through the API: the data export lists them (their pictures under
 * media), cancellation hides them during the cooling-off period and a withdrawal shows them again,
 * erasure deletes them and their pictures, and retention ({@code notes.retentionDays}, 3650 here)
 * deletes old ones and releases their pictures.
 */
@DisplayName("Notes and their pictures: exported, hidden while cancelling, erased with the account, purged by retention")
class NotesPrivacyTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("notes").put("retentionDays", 3650)).build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("The export lists the notes and their pictures; cancelling hides them, withdrawing shows them, erasure deletes them")
  void exportFreezeErase() throws Exception {
    TestUser owner = TestUsers.register(http);
    TestUser other = TestUsers.register(http);
    String mediaId = NoteFixtures.uploadPicture(node.httpPort(), owner.accessToken());
    long text = http.post("/api/v1/notes", new JsonObject().put("text", "我的第一条笔记"), owner.accessToken()).json().getLong("id");
    long picture = http.post("/api/v1/notes", new JsonObject().put("mediaId", mediaId), owner.accessToken()).json().getLong("id");
    long others = http.post("/api/v1/notes", new JsonObject().put("text", "not theirs"), other.accessToken()).json().getLong("id");

    JsonObject categories = PrivacyRequests.exportCategories(http, owner);
    JsonArray notes = categories.getJsonArray("notes");
    assertThat(notes.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(text, picture);
    assertThat(notes.getJsonObject(0).getString("text")).isEqualTo("我的第一条笔记");
    assertThat(notes.getJsonObject(1).getString("mediaId")).isEqualTo(mediaId);
    assertThat(categories.getJsonArray("media").stream().map(o -> ((JsonObject) o).getString("id"))).contains(mediaId);

    PrivacyRequests.cancel(http, owner);
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE user_id = ? AND frozen", owner.id()))
      .as("hidden during the cooling-off period").isEqualTo(2);
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE id = ? AND NOT frozen", others)).isEqualTo(1);

    CLOCK.advance(Duration.ofDays(5));
    TestHttp.Response refused = http.post("/api/v1/auth/login", new JsonObject().put("phone", owner.phone())
      .put("password", owner.password()));
    TestHttp.Response withdrawn = http.send("DELETE", "/api/v1/me/cancellation", null,
      Map.of("X-Withdrawal-Token", refused.json().getString("withdrawalToken")));
    assertThat(withdrawn.status()).as("withdraw: %s", withdrawn).isEqualTo(200);
    String back = http.post("/api/v1/auth/login", new JsonObject().put("phone", owner.phone())
      .put("password", owner.password())).json().getString("accessToken");
    assertThat(http.get("/api/v1/notes", back).json().getJsonArray("items")).as("restored").hasSize(2);

    PrivacyRequests.cancel(http, owner, back);
    CLOCK.advance(Duration.ofDays(31));
    assertThat(PrivacyRequests.housekeeping(node.get()).getInteger("erased")).isEqualTo(1);
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE user_id = ?", owner.id())).isZero();
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_objects WHERE id = ?::uuid", mediaId)).isZero();
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE id = ?", others)).as("another user's kept").isEqualTo(1);
  }

  @Test
  @DisplayName("Retention deletes notes not edited for notes.retentionDays and releases their pictures; newer notes stay")
  void retention() throws Exception {
    TestUser owner = TestUsers.register(http);
    String mediaId = NoteFixtures.uploadPicture(node.httpPort(), owner.accessToken());
    long old = http.post("/api/v1/notes", new JsonObject().put("mediaId", mediaId).put("text", "old"), owner.accessToken())
      .json().getLong("id");
    long fresh = http.post("/api/v1/notes", new JsonObject().put("text", "fresh"), owner.accessToken()).json().getLong("id");
    NoteFixtures.update("UPDATE notes SET updated_at = ? WHERE id = ?",
      Timestamp.from(CLOCK.instant().minus(Duration.ofDays(3651))), old);

    JsonObject run = PrivacyRequests.housekeeping(node.get());
    assertThat(run.getInteger("notes")).as("housekeeping: %s", run).isGreaterThanOrEqualTo(1);
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE id = ?", old)).isZero();
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE id = ?", fresh)).isEqualTo(1);
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_refs WHERE ref_kind = 'note' AND ref_id = ?",
      Long.toString(old))).as("the picture is released for the sweeper").isZero();
  }
}
