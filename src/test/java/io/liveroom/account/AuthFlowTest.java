package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Register, log in, refresh and log out over real HTTP")
class AuthFlowTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();
  private static final List<String> revoked = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void boot() {
    // Upgrade the client's connection to h2c with a small answer first: once, a >16 KB first
    // answer (the OpenAPI file) on the upgrade stream stalled until the idle timeout (reported).
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    node.get().accounts().events().add(new SessionEvents() {
      @Override
      public void sessionRevoked(long userId, String sessionId) {
        revoked.add(userId + ":" + sessionId);
      }
      @Override
      public void userDisabled(long userId) {
        revoked.add(userId + ":*");
      }
    });
  }

  @Test
  @DisplayName("A user registers with an SMS code, logs in with the password, refreshes, and logs out")
  void fullFlow() {
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", "a long enough password").put("nickname", "Ann").put("policyVersion", TestUsers.policyVersion())
      .put("deviceName", "Pixel 8"));
    assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
    JsonObject user = reg.json().getJsonObject("user");
    assertThat(user.getString("nickname")).isEqualTo("Ann");
    assertThat(user.getString("role")).isEqualTo("user");
    assertThat(reg.json().getInteger("expiresIn")).isEqualTo(900);
    assertThat(http.get("/api/v1/me", reg.json().getString("accessToken")).status()).isEqualTo(200);

    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", phone)
      .put("password", "a long enough password"));
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    String access = login.json().getString("accessToken");
    String refreshToken = login.json().getString("refreshToken");
    assertThat(login.json().getJsonObject("user").getLong("id")).isEqualTo(user.getLong("id"));

    TestHttp.Response refreshed = http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", refreshToken));
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    String access2 = refreshed.json().getString("accessToken");
    assertThat(refreshed.json().getString("refreshToken")).isNotEqualTo(refreshToken);
    assertThat(refreshed.json().getString("sessionId")).isEqualTo(login.json().getString("sessionId"));
    assertThat(http.get("/api/v1/me", access2).json().getString("nickname")).isEqualTo("Ann");

    TestHttp.Response logout = http.post("/api/v1/auth/logout", null, access2);
    assertThat(logout.status()).isEqualTo(204);
    TestHttp.Response after = http.get("/api/v1/me", access);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().getString("code")).isEqualTo("session_revoked");
    assertThat(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken",
      refreshed.json().getString("refreshToken"))).json().getString("code")).isEqualTo("refresh_token_invalid");
    assertThat(revoked).contains(user.getLong("id") + ":" + login.json().getString("sessionId"));
    // The registration session is still alive.
    assertThat(http.get("/api/v1/me", reg.json().getString("accessToken")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A refresh token used twice revokes its whole family, including the newer token and live access tokens")
  void refreshReuseRevokesFamily() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response first = http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", u.refreshToken()));
    assertThat(first.status()).isEqualTo(200);
    String newer = first.json().getString("refreshToken");

    TestHttp.Response reuse = http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", u.refreshToken()));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.json().getString("code")).isEqualTo("refresh_token_invalid");

    assertThat(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", newer)).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me", first.json().getString("accessToken")).json().getString("code"))
      .isEqualTo("session_revoked");
    assertThat(revoked).contains(u.id() + ":" + u.sessionId());
  }

  @Test
  @DisplayName("A refresh token is refused as an access token")
  void refreshTokenIsNotAnAccessToken() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response r = http.get("/api/v1/me", u.refreshToken());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("unauthorized");
  }

  @Test
  @DisplayName("A user lists their sessions and signs another device out")
  void sessions() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response other = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", u.password()).put("deviceName", "Tablet"));
    String otherSession = other.json().getString("sessionId");
    TestHttp.Response list = http.get("/api/v1/me/sessions", u.accessToken());
    assertThat(list.json().getJsonArray("sessions")).hasSize(2);
    assertThat(list.body()).contains("Tablet");

    TestHttp.Response del = http.send("DELETE", "/api/v1/me/sessions/" + otherSession, null,
      Map.of("Authorization", "Bearer " + u.accessToken()));
    assertThat(del.status()).isEqualTo(204);
    assertThat(http.get("/api/v1/me", other.json().getString("accessToken")).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me/sessions", u.accessToken()).json().getJsonArray("sessions")).hasSize(1);
    assertThat(revoked).contains(u.id() + ":" + otherSession);

    TestUsers.TestUser stranger = TestUsers.register(http);
    TestHttp.Response notMine = http.send("DELETE", "/api/v1/me/sessions/" + u.sessionId(), null,
      Map.of("Authorization", "Bearer " + stranger.accessToken()));
    assertThat(notMine.status()).isEqualTo(404);
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Every accounts endpoint is described in the served OpenAPI document")
  void openApiDescribesEndpoints() {
    String doc = http.get("/api/v1/openapi.yaml").body();
    for (String path : List.of("/api/v1/auth/sms-codes:", "/api/v1/auth/register:", "/api/v1/auth/login:",
      "/api/v1/auth/password-reset:", "/api/v1/auth/refresh:", "/api/v1/auth/logout:", "/api/v1/me:",
      "/api/v1/me/phone:", "/api/v1/me/sessions:", "/api/v1/me/sessions/{id}:", "/api/v1/me/identity:",
      "/api/v1/users/{id}:", "/api/v1/dev/sms-outbox:", "/api/v1/admin/users/{id}/role:",
      "/api/v1/admin/users/{id}/status:", "/api/v1/admin/users/{id}/guardian-consent:")) {
      assertThat(doc).contains("\n  " + path);
    }
  }
}
