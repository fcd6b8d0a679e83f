package io.liveroom.notification;

import io.liveroom.support.Members.Member;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rooms' moderation and privacy's export notify the user through their own seams")
class NotificationSourcesTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private NotificationFixtures app;

  @BeforeEach
  void fixtures() {
    app = new NotificationFixtures(node.get());
  }

  @Test
  @DisplayName("A kick from a room puts a moderation item with the room and action in the kicked user's inbox")
  void kick() {
    Member host = app.user("host");
    Member ann = app.user("ann");
    TestHttp.Response room = app.http.post("/api/v1/rooms", new JsonObject().put("title", "Show").put("category", "music"),
      host.token());
    assertThat(room.status()).as("%s", room).isIn(200, 201);
    long roomId = room.json().getJsonObject("room").getLong("id");
    TestHttp.Response kick = app.http.post("/api/v1/rooms/" + roomId + "/kicks",
      new JsonObject().put("userId", ann.id()).put("banSeconds", 60), host.token());
    assertThat(kick.status()).as("%s", kick).isEqualTo(204);
    JsonArray items = Await.value(5_000, () -> app.inbox(ann, "").getJsonArray("items"), a -> !a.isEmpty());
    JsonObject item = items.getJsonObject(0);
    assertThat(item.getString("kind")).isEqualTo("moderation");
    assertThat(item.getString("subject")).isEqualTo("room/" + roomId);
    assertThat(item.getJsonObject("payload").getString("action")).isEqualTo("kick");
    assertThat(item.getJsonObject("payload").getLong("seconds")).isEqualTo(60L);
    assertThat(item.getValue("actor")).as("the room acted, no person is named").isNull();
  }

  @Test
  @DisplayName("A data export, once ready, puts an export_ready item naming the export in the user's inbox")
  void exportReady() {
    Member me = app.user("me");
    TestHttp.Response export = app.http.post("/api/v1/me/exports", new JsonObject(), me.token());
    assertThat(export.status()).as("%s", export).isIn(200, 202);
    String id = export.json().getString("id");
    JsonArray items = Await.value(15_000, () -> app.inbox(me, "").getJsonArray("items"), a -> !a.isEmpty());
    JsonObject item = items.getJsonObject(0);
    assertThat(item.getString("kind")).isEqualTo("export_ready");
    assertThat(item.getJsonObject("payload").getString("exportId")).isEqualTo(id);
  }
}
