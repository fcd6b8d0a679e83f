package io.liveroom.room;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Media-server webhooks (SRS JSON, nginx-rtmp form) accept the right stream key and mark rooms live or ended")
class MediaWebhookTest {
  private static final String TOKEN = "media-hook-token";
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rooms").getJsonObject("media").put("webhookToken", TOKEN))
    .build();
  private static final TestHttp http = node.http();

  private record Created(long id, String key, String host) {
  }

  private static Created newRoom(boolean verified) {
    long hostId = user("host", true);
    String host = node.get().accessTokens().issue(hostId, Role.USER, "s" + hostId);
    JsonObject body = http.post("/api/v1/rooms", new JsonObject().put("title", "t").put("category", "talk"), host).json();
    if (!verified) {
      RoomFixture.sql("UPDATE users SET identity_verified = false WHERE id = " + hostId);
    }
    return new Created(body.getJsonObject("room").getLong("id"), body.getString("streamKey"), host);
  }

  private static TestHttp.Response srs(String path, String action, String stream, String param) {
    JsonObject body = new JsonObject().put("action", action).put("client_id", "x1").put("ip", "10.0.0.9")
      .put("vhost", "__defaultVhost__").put("app", "live").put("stream", stream).put("param", param);
    return http.send("POST", path + "?token=" + TOKEN, body.encode(), Map.of("Content-Type", "application/json"));
  }

  private static TestHttp.Response nginx(String path, String call, String name, String key) {
    String form = "call=" + call + "&addr=10.0.0.9&clientid=7&app=live&flashVer=FMLE&swfUrl=&tcUrl=rtmp%3A%2F%2Fmedia%2Flive"
      + "&pageUrl=&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
      + (key == null ? "" : "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    return http.send("POST", path + "?token=" + TOKEN, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  private static String status(Created room) {
    return http.get("/api/v1/rooms/" + room.id(), room.host()).json().getString("status");
  }

  @Test
  @DisplayName("SRS: on_publish with the right key answers code 0 and the room is live; on_unpublish ends it")
  void srsRightKey() {
    Created room = newRoom(true);
    TestHttp.Response ok = srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", room.key(), "");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getInteger("code")).isZero();
    assertThat(status(room)).isEqualTo("live");
    TestHttp.Response done = srs(MediaWebhookRoutes.ON_UNPUBLISH, "on_unpublish", room.key(), "");
    assertThat(done.status()).isEqualTo(200);
    assertThat(status(room)).isEqualTo("idle");
  }

  @Test
  @DisplayName("SRS: the key may come as ?key= in param with the room id as stream name")
  void srsKeyParam() {
    Created room = newRoom(true);
    String secret = room.key().substring(room.key().indexOf('-') + 1);
    TestHttp.Response ok = srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", Long.toString(room.id()),
      "?key=" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&vhost=x");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(status(room)).isEqualTo("live");
  }

  @Test
  @DisplayName("A wrong key, a malformed key, or the key of an unverified host is refused with 403; the room stays idle")
  void refused() {
    Created room = newRoom(true);
    TestHttp.Response wrong = srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", room.id() + "-not-the-secret", "");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().getString("code")).isEqualTo("stream_key_refused");
    assertThat(srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", "garbage", "").status()).isEqualTo(403);
    assertThat(nginx(MediaWebhookRoutes.ON_PUBLISH, "publish", "99999-abc", null).status()).isEqualTo(403);
    assertThat(status(room)).isEqualTo("idle");

    Created unverified = newRoom(false);
    TestHttp.Response r = srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", unverified.key(), "");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("code")).isEqualTo("host_not_verified");
  }

  @Test
  @DisplayName("nginx-rtmp: form-encoded on_publish accepts the key (2xx); on_publish_done ends the session")
  void nginxForm() {
    Created room = newRoom(true);
    assertThat(nginx(MediaWebhookRoutes.ON_PUBLISH, "publish", room.key(), null).status()).isEqualTo(200);
    assertThat(status(room)).isEqualTo("live");
    assertThat(nginx(MediaWebhookRoutes.ON_UNPUBLISH, "publish_done", room.key(), null).status()).isEqualTo(200);
    assertThat(status(room)).isEqualTo("idle");
  }

  @Test
  @DisplayName("After rotation the old key is refused and the new one accepted")
  void rotation() {
    Created room = newRoom(true);
    String fresh = http.post("/api/v1/rooms/" + room.id() + "/stream-key", null, room.host()).json().getString("streamKey");
    assertThat(srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", room.key(), "").status()).isEqualTo(403);
    assertThat(srs(MediaWebhookRoutes.ON_PUBLISH, "on_publish", fresh, "").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Without the configured webhook token the webhook answers 401")
  void needsToken() {
    Created room = newRoom(true);
    TestHttp.Response r = http.send("POST", MediaWebhookRoutes.ON_PUBLISH,
      new JsonObject().put("stream", room.key()).encode(), Map.of("Content-Type", "application/json"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(status(room)).isEqualTo("idle");
  }
}
