package io.liveroom.room;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Room lifecycle over HTTP: verified hosts create, go live and end; everyone signed in can look")
class RoomHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static String token(long userId) {
    return node.get().accessTokens().issue(userId, Role.USER, "s-" + userId);
  }

  private static JsonObject room(String title) {
    return new JsonObject().put("title", title).put("coverUrl", "https://cdn.example.com/c.jpg")
      .put("category", "music").put("tags", new JsonArray().add("guitar").add("evening"));
  }

  @Test
  @DisplayName("A verified host creates a room (201, stream key shown once), starts, is listed live, and ends")
  void lifecycle() {
    String host = token(user("host", true));
    TestHttp.Response created = http.post("/api/v1/rooms", room("Guitar night"), host);
    assertThat(created.status()).isEqualTo(201);
    JsonObject r = created.json().getJsonObject("room");
    long id = r.getLong("id");
    assertThat(r.getString("status")).isEqualTo("idle");
    assertThat(r.getString("channel")).isEqualTo("room:" + id);
    assertThat(r.getJsonArray("tags")).containsExactly("guitar", "evening");
    assertThat(created.json().getString("streamKey")).startsWith(id + "-").hasSizeGreaterThan(30);

    TestHttp.Response got = http.get("/api/v1/rooms/" + id, host);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).doesNotContain("streamKey").doesNotContain("stream_key");

    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host);
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.json().getString("status")).isEqualTo("live");
    assertThat(started.json().getLong("sessionId")).isPositive();
    assertThat(http.post("/api/v1/rooms/" + id + "/start", null, host).json().getLong("sessionId"))
      .as("starting again is idempotent").isEqualTo(started.json().getLong("sessionId"));

    JsonArray live = http.get("/api/v1/rooms/live", host).json().getJsonArray("items");
    assertThat(live).extracting(o -> ((JsonObject) o).getLong("id")).contains(id);

    TestHttp.Response ended = http.post("/api/v1/rooms/" + id + "/end", null, host);
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.json().getString("status")).isEqualTo("idle");
    assertThat(http.get("/api/v1/rooms/live", host).json().getJsonArray("items"))
      .extracting(o -> ((JsonObject) o).getLong("id")).doesNotContain(id);
    TestHttp.Response stats = http.get("/api/v1/rooms/" + id + "/stats", host);
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().getLong("sessionId")).isEqualTo(started.json().getLong("sessionId"));
  }

  @Test
  @DisplayName("An unverified user cannot host: 403 host_not_verified")
  void unverifiedCannotHost() {
    TestHttp.Response r = http.post("/api/v1/rooms", room("Nope"), token(user("guest", false)));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("code")).isEqualTo("host_not_verified");
  }

  @Test
  @DisplayName("Only the host may start or end a room; others get 403 not_room_staff")
  void onlyHost() {
    String host = token(user("host2", true));
    long id = http.post("/api/v1/rooms", room("Mine"), host).json().getJsonObject("room").getLong("id");
    TestHttp.Response r = http.post("/api/v1/rooms/" + id + "/start", null, token(user("other", true)));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("code")).isEqualTo("not_room_staff");
  }

  @Test
  @DisplayName("Bad input is a 400 with every field error; unknown rooms are 404; no token is 401")
  void badInput() {
    String host = token(user("host3", true));
    TestHttp.Response r = http.post("/api/v1/rooms", new JsonObject().put("title", "").put("category", "Bad Cat!")
      .put("coverUrl", "javascript:alert(1)").put("tags", "x"), host);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("code")).isEqualTo("validation_failed");
    assertThat(r.json().getJsonArray("errors")).extracting(o -> ((JsonObject) o).getString("field"))
      .containsExactlyInAnyOrder("title", "category", "coverUrl", "tags");
    assertThat(http.get("/api/v1/rooms/999999", host).json().getString("code")).isEqualTo("room_not_found");
    assertThat(http.get("/api/v1/rooms/abc", host).status()).as("a malformed id is a bad request").isEqualTo(400);
    assertThat(http.get("/api/v1/rooms/live?limit=0", host).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/rooms/hot").status()).isEqualTo(401);
    assertThat(http.send("PUT", "/api/v1/rooms/1/slow-mode", "{\"seconds\":500}",
      Map.of("Authorization", "Bearer " + host)).json().getString("code")).isEqualTo("validation_failed");
  }

  @Test
  @DisplayName("Rotating the stream key returns a new key (host only); the hot list answers")
  void rotateAndHot() {
    String host = token(user("host4", true));
    JsonObject created = http.post("/api/v1/rooms", room("Keys"), host).json();
    long id = created.getJsonObject("room").getLong("id");
    TestHttp.Response rotated = http.post("/api/v1/rooms/" + id + "/stream-key", null, host);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().getString("streamKey")).startsWith(id + "-").isNotEqualTo(created.getString("streamKey"));
    assertThat(http.post("/api/v1/rooms/" + id + "/stream-key", null, token(user("x", true))).status()).isEqualTo(403);
    http.post("/api/v1/rooms/" + id + "/start", null, host);
    TestHttp.Response hot = http.get("/api/v1/rooms/hot?limit=5", host);
    assertThat(hot.status()).isEqualTo(200);
    assertThat(hot.json().getJsonArray("items")).extracting(o -> ((JsonObject) o).getLong("id")).contains(id);
  }

  @Test
  @DisplayName("Moderation over HTTP: the host appoints a moderator who mutes and sets slow mode; viewers may not")
  void moderationOverHttp() {
    long hostId = user("host5", true);
    String host = token(hostId);
    long modId = user("mod5", true);
    String mod = token(modId);
    long annId = user("ann5", true);
    String ann = token(annId);
    long id = http.post("/api/v1/rooms", room("Moderated"), host).json().getJsonObject("room").getLong("id");
    http.post("/api/v1/rooms/" + id + "/start", null, host);

    assertThat(http.post("/api/v1/rooms/" + id + "/moderators", new JsonObject().put("userId", modId), host).status())
      .isEqualTo(204);
    assertThat(http.post("/api/v1/rooms/" + id + "/mutes", new JsonObject().put("userId", annId)
      .put("durationSeconds", 60), mod).status()).isEqualTo(204);
    TestHttp.Response missing = http.post("/api/v1/rooms/" + id + "/mutes", new JsonObject().put("userId", annId), mod);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("durationSeconds");
    assertThat(http.send("PUT", "/api/v1/rooms/" + id + "/slow-mode", "{\"seconds\":10}",
      Map.of("Authorization", "Bearer " + mod)).status()).isEqualTo(204);
    TestHttp.Response refused = http.post("/api/v1/rooms/" + id + "/mutes", new JsonObject().put("userId", modId)
      .put("durationSeconds", 60), ann);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("code")).isEqualTo("not_room_staff");
    assertThat(http.send("DELETE", "/api/v1/rooms/" + id + "/mutes/" + annId, null,
      Map.of("Authorization", "Bearer " + mod)).status()).isEqualTo(204);
    assertThat(RoomFixture.count("SELECT count(*) FROM audit_log WHERE target_id = ?", Long.toString(id)))
      .isEqualTo(4);
    assertThat(http.send("PUT", "/api/v1/rooms/" + id + "/slow-mode", "{\"seconds\":10}", Map.of()).status())
      .as("moderation routes are behind authentication").isEqualTo(401);
  }
}
