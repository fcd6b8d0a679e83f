package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Revoking a login session closes its open sockets for good, and only its own")
class SessionSocketTest {
  private static final String ADMIN_PHONE = TestUsers.newPhone();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").put("adminPhones",
      new io.vertx.core.json.JsonArray().add(ADMIN_PHONE)))
    .build();
  private static final TestHttp http = node.http();

  private TestSocket connected(String accessToken) {
    TestSocket ws = node.socket();
    ws.connect(accessToken);
    return ws;
  }

  /** A second login session of the same user (another device); returns its access token and session id. */
  private static JsonObject secondDevice(TestUser u) {
    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", u.password()));
    assertThat(login.status()).as("login: %s", login).isEqualTo(200);
    return login.json();
  }

  @Test
  @DisplayName("DELETE /me/sessions/{id} closes that session's sockets with 4500 (session revoked); the other device stays connected")
  void revokeOneSession() {
    TestUser u = TestUsers.register(http);
    JsonObject other = secondDevice(u);
    TestSocket phone = connected(u.accessToken());
    TestSocket phoneSecondTab = connected(u.accessToken());
    TestSocket tablet = connected(other.getString("accessToken"));

    TestHttp.Response revoked = http.send("DELETE", "/api/v1/me/sessions/" + u.sessionId(), null,
      Map.of("Authorization", "Bearer " + other.getString("accessToken")));
    assertThat(revoked.status()).as("revoke: %s", revoked).isEqualTo(204);

    assertThat(phone.awaitClose()).isEqualTo(4500);
    assertThat(phone.closeReason()).isEqualTo("session revoked");
    assertThat(phoneSecondTab.awaitClose()).isEqualTo(4500);
    assertThat(tablet.request("ping", new JsonObject()).containsKey("ping")).isTrue();
    assertThat(tablet.isClosed()).isFalse();

    // The revoked session's access token has not expired, but it cannot connect again.
    TestSocket retry = node.socket();
    retry.send("connect", new JsonObject().put("token", u.accessToken()));
    assertThat(retry.awaitClose()).isEqualTo(4500);
  }

  @Test
  @DisplayName("Logout closes the session's sockets with 4500, which SDKs treat as terminal")
  void logout() {
    TestUser u = TestUsers.register(http);
    TestSocket ws = connected(u.accessToken());
    assertThat(http.post("/api/v1/auth/logout", null, u.accessToken()).status()).isEqualTo(204);
    assertThat(ws.awaitClose()).isEqualTo(4500);
    assertThat(io.liveroom.realtime.DisconnectCode.SESSION_REVOKED.reconnect()).isFalse();
  }

  @Test
  @DisplayName("An account banned by an admin loses every socket with 4501 (account disabled), on every session")
  void bannedAccount() {
    TestUser u = TestUsers.register(http);
    TestUser admin = TestUsers.register(http, ADMIN_PHONE, "admin");
    TestSocket phone = connected(u.accessToken());
    TestSocket tablet = connected(secondDevice(u).getString("accessToken"));

    TestHttp.Response banned = http.post("/api/v1/admin/users/" + u.id() + "/status",
      new JsonObject().put("status", "banned").put("reason", "fraud"), admin.accessToken());
    assertThat(banned.status()).as("ban: %s", banned).isEqualTo(204);
    assertThat(phone.awaitClose()).isEqualTo(4501);
    assertThat(tablet.awaitClose()).isEqualTo(4501);
  }
}
