package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("With accounts.email.login on, a verified email and the password log in, throttled with the phone")
class EmailLoginTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("accounts").getJsonObject("email")
    .put("sender", "dev-outbox").put("login", true)).build();
  private static final TestHttp http = node.http();

  private static String verifiedEmail(TestUsers.TestUser u) {
    String address = "e" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    assertThat(http.post("/api/v1/me/email", new JsonObject().put("email", address).put("currentPassword", u.password()),
      u.accessToken()).status()).isEqualTo(202);
    assertThat(http.post("/api/v1/me/email/verification", new JsonObject().put("code", EmailOutbox.outboxCode(http, address)),
      u.accessToken()).status()).isEqualTo(200);
    return address;
  }

  private static TestHttp.Response emailLogin(String email, String password) {
    return http.post("/api/v1/auth/email-login", new JsonObject().put("email", email).put("password", password));
  }

  @Test
  @DisplayName("A verified email (any case) and the password log in to that account, audited as email_password")
  void logsIn() {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = verifiedEmail(u);
    TestHttp.Response r = emailLogin(address.toUpperCase(), u.password());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getJsonObject("user").getLong("id")).isEqualTo(u.id());
    assertThat(r.json().getString("accessToken")).isNotBlank();
    assertThat(AuditRows.count("login", u.id())).isEqualTo(1);
  }

  @Test
  @DisplayName("A wrong password, an unknown address and a not yet verified address are all 401 invalid_credentials")
  void refusals() {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = verifiedEmail(u);
    assertThat(emailLogin(address, "wrong password").json().getString("code")).isEqualTo("invalid_credentials");
    assertThat(emailLogin("nobody-" + address, u.password()).json().getString("code")).isEqualTo("invalid_credentials");
    TestUsers.TestUser pending = TestUsers.register(http);
    String unverified = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    http.post("/api/v1/me/email", new JsonObject().put("email", unverified).put("currentPassword", pending.password()),
      pending.accessToken());
    TestHttp.Response r = emailLogin(unverified, pending.password());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("invalid_credentials");
  }

  @Test
  @DisplayName("Guesses by email and by phone share the account's count: after 5 wrong by email the phone login is 429")
  void sharedThrottle() {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = verifiedEmail(u);
    for (int i = 0; i < 5; i++) {
      assertThat(emailLogin(address, "wrong " + i).status()).isEqualTo(401);
    }
    TestHttp.Response byPhone = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", u.password()));
    assertThat(byPhone.status()).as(byPhone.toString()).isEqualTo(429);
    assertThat(byPhone.json().getString("code")).isEqualTo("login_throttled");
  }
}
