package io.liveroom.push;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Device tokens: registered per session, listed, unregistered, moved between users, removed at logout")
class PushDevicesHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("push")
    .getJsonObject("devices").put("maxPerUser", 3)).build();
  private PushFixtures app;

  @BeforeEach
  void fixtures() {
    app = new PushFixtures(node.http());
  }

  @Test
  @DisplayName("A registered token is listed with its platform and provider; registering it again keeps one row")
  void registerAndList() {
    TestUser u = app.user();
    JsonObject first = app.register(u.accessToken(), "android", "fcm", "fcm-token:abc_123");
    JsonObject again = app.register(u.accessToken(), "android", "fcm", "fcm-token:abc_123");
    assertThat(again.getLong("id")).isEqualTo(first.getLong("id"));
    JsonArray devices = app.devices(u.accessToken());
    assertThat(devices.size()).isEqualTo(1);
    JsonObject d = devices.getJsonObject(0);
    assertThat(d.getString("platform")).isEqualTo("android");
    assertThat(d.getString("provider")).isEqualTo("fcm");
    assertThat(d.getString("token")).isEqualTo("fcm-token:abc_123");
    assertThat(d.getString("appId")).isEqualTo("io.liveroom.app");
  }

  @Test
  @DisplayName("Unregistering works by token or by id, only for one's own devices; an unknown one is 404")
  void unregister() {
    TestUser u = app.user();
    TestUser other = app.user();
    long id = app.register(u.accessToken(), "android", "fcm", "fcm-token-one").getLong("id");
    app.register(u.accessToken(), "ios", "apns", "a".repeat(64));
    assertThat(app.delete(other.accessToken(), Long.toString(id)).status()).as("not theirs").isEqualTo(404);
    assertThat(app.delete(u.accessToken(), Long.toString(id)).status()).isEqualTo(204);
    assertThat(app.delete(u.accessToken(), "a".repeat(64)).status()).isEqualTo(204);
    TestHttp.Response gone = app.delete(u.accessToken(), "fcm-token-one");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().getString("code")).isEqualTo("push_device_not_found");
    assertThat(app.devices(u.accessToken())).isEmpty();
  }

  @Test
  @DisplayName("A token registered again by another user moves to that user")
  void tokenMovesToNewUser() {
    TestUser a = app.user();
    TestUser b = app.user();
    app.register(a.accessToken(), "android", "fcm", "shared-phone-token");
    app.register(b.accessToken(), "android", "fcm", "shared-phone-token");
    assertThat(app.devices(a.accessToken())).isEmpty();
    assertThat(app.devices(b.accessToken()).getJsonObject(0).getString("token")).isEqualTo("shared-phone-token");
  }

  @Test
  @DisplayName("Logging out removes the tokens that session registered; the user's other session keeps its own")
  void logoutRemovesSessionTokens() {
    TestUser u = app.user();
    String otherSession = app.loginAgain(u);
    app.register(u.accessToken(), "android", "fcm", "token-of-first-session");
    app.register(otherSession, "ios", "apns", "b".repeat(64));
    TestHttp.Response out = node.http().post("/api/v1/auth/logout", null, u.accessToken());
    assertThat(out.status()).as("logout: %s", out).isIn(200, 204);
    Await.until("the logged-out session's token is removed", 10, () -> app.devices(otherSession).size() == 1);
    assertThat(app.devices(otherSession).getJsonObject(0).getString("token")).isEqualTo("b".repeat(64));
  }

  @Test
  @DisplayName("A user keeps at most push.devices.maxPerUser tokens: registering one more drops the oldest")
  void oldestDropped() {
    TestUser u = app.user();
    for (int i = 1; i <= 4; i++) {
      app.register(u.accessToken(), "android", "fcm", "token-" + i);
    }
    assertThat(app.devices(u.accessToken()).stream().map(o -> ((JsonObject) o).getString("token")))
      .containsExactly("token-4", "token-3", "token-2");
  }

  @Test
  @DisplayName("A bad platform, provider or token is a 400 naming each field; no token is stored")
  void validation() {
    TestUser u = app.user();
    TestHttp.Response r = node.http().put("/api/v1/me/devices", new JsonObject().put("platform", "windows")
      .put("provider", "wns").put("token", "has space"), u.accessToken());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("platform").contains("provider").contains("token");
    TestHttp.Response apns = node.http().put("/api/v1/me/devices", new JsonObject().put("platform", "ios")
      .put("provider", "apns").put("token", "not-hex"), u.accessToken());
    assertThat(apns.status()).isEqualTo(400);
    assertThat(node.http().send("PUT", "/api/v1/me/devices", "{}", Map.of()).status()).as("no token").isEqualTo(401);
    assertThat(app.devices(u.accessToken())).isEmpty();
  }
}
