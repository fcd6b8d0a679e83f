package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Login by password or code, throttled, never revealing whether a phone is registered")
class LoginTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").getJsonObject("login")
      .put("maxFailuresPerAccount", 5).put("maxFailuresPerIp", 12).put("windowSeconds", 900))
    .resetEachTest()
    .build();
  private static final TestHttp http = node.http();

  private TestHttp.Response login(String phone, String password) {
    return http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", password));
  }

  @Test
  @DisplayName("A wrong password and an unknown phone get the same answer")
  void noEnumeration() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response wrong = login(u.phone(), "not the password");
    TestHttp.Response unknown = login(TestUsers.newPhone(), "not the password");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.json().getString("code")).isEqualTo(unknown.json().getString("code")).isEqualTo("invalid_credentials");
    assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
  }

  @Test
  @DisplayName("After 5 failures the phone is locked (429 + Retry-After) even with the right password")
  void accountLock() {
    TestUsers.TestUser u = TestUsers.register(http);
    for (int i = 0; i < 5; i++) {
      assertThat(login(u.phone(), "wrong password " + i).status()).isEqualTo(401);
    }
    TestHttp.Response locked = login(u.phone(), u.password());
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("code")).isEqualTo("login_throttled");
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
    assertThat(TestUsers.register(http).accessToken()).as("other accounts unaffected").isNotBlank();
  }

  @Test
  @DisplayName("An unknown phone is locked after 5 failures just like a registered one")
  void unknownPhoneLockedAlike() {
    String phone = TestUsers.newPhone();
    for (int i = 0; i < 5; i++) {
      login(phone, "wrong password " + i);
    }
    assertThat(login(phone, "whatever password").json().getString("code")).isEqualTo("login_throttled");
  }

  @Test
  @DisplayName("Failures from one IP across many phones hit the per-IP cap")
  void ipLock() {
    TestUsers.TestUser u = TestUsers.register(http);
    for (int i = 0; i < 12; i++) {
      assertThat(login(TestUsers.newPhone(), "wrong password").status()).isEqualTo(401);
    }
    TestHttp.Response r = login(u.phone(), u.password());
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("code")).isEqualTo("login_throttled");
  }

  @Test
  @DisplayName("A successful login clears the phone's failure count")
  void successClears() {
    TestUsers.TestUser u = TestUsers.register(http);
    for (int i = 0; i < 4; i++) {
      login(u.phone(), "wrong password");
    }
    assertThat(login(u.phone(), u.password()).status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      login(u.phone(), "wrong password");
    }
    assertThat(login(u.phone(), u.password()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A user logs in with an SMS code instead of the password")
  void loginWithCode() {
    TestUsers.TestUser u = TestUsers.register(http);
    String code = TestUsers.requestCode(http, u.phone(), "login");
    TestHttp.Response r = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone()).put("code", code));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getJsonObject("user").getLong("id")).isEqualTo(u.id());
  }

  @Test
  @DisplayName("A password reset with a code sets the new password and ends every session")
  void passwordReset() {
    TestUsers.TestUser u = TestUsers.register(http);
    String code = TestUsers.requestCode(http, u.phone(), "reset_password");
    TestHttp.Response r = http.post("/api/v1/auth/password-reset", new JsonObject().put("phone", u.phone())
      .put("code", code).put("newPassword", "a brand new passphrase"));
    assertThat(r.status()).as(r.toString()).isEqualTo(204);
    assertThat(http.get("/api/v1/me", u.accessToken()).json().getString("code")).isEqualTo("session_revoked");
    assertThat(login(u.phone(), u.password()).status()).isEqualTo(401);
    assertThat(login(u.phone(), "a brand new passphrase").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Registering a phone that already has an account is a conflict, only after proving the number")
  void phoneTaken() {
    TestUsers.TestUser u = TestUsers.register(http);
    String code = TestUsers.requestCode(http, u.phone(), "register");
    TestHttp.Response r = http.post("/api/v1/auth/register", new JsonObject().put("phone", u.phone()).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "again").put("policyVersion", TestUsers.policyVersion()));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().getString("code")).isEqualTo("phone_taken");
  }
}
