package io.liveroom.account;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Verified email over a real SMTP server: re-authentication, a mailed code, and no email login unless configured")
class EmailVerificationTest {
  private static final Pattern CODE = Pattern.compile("code is ([0-9]{6})");
  private static final MutableClock clock = MutableClock.now();
  private static GreenMail smtp;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(clock)
    .beforeStart(() -> {
      smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      smtp.setUser("relay@liveroom.test", "relay-user", "relay-password");
      smtp.start();
    })
    .config(json -> json.getJsonObject("accounts").getJsonObject("email").put("sender", "smtp")
      .put("from", "no-reply@liveroom.test").getJsonObject("smtp").put("host", "127.0.0.1")
      .put("port", smtp.getSmtp().getPort()).put("username", "relay-user").put("password", "relay-password")
      .put("tls", "none"))
    .build();
  private static final TestHttp http = node.http();

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  static String newAddress() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static TestHttp.Response requestChange(TestUsers.TestUser u, JsonObject body) {
    return http.post("/api/v1/me/email", body, u.accessToken());
  }

  private static TestHttp.Response verify(TestUsers.TestUser u, String code) {
    return http.post("/api/v1/me/email/verification", new JsonObject().put("code", code), u.accessToken());
  }

  /** The newest code the SMTP server received for {@code address}. */
  static String mailedCode(String address) throws MessagingException {
    for (int tries = 0; tries < 100; tries++) {
      MimeMessage[] all = smtp.getReceivedMessages();
      for (int i = all.length - 1; i >= 0; i--) {
        if (address.equals(all[i].getRecipients(Message.RecipientType.TO)[0].toString())) {
          assertThat(all[i].getFrom()[0].toString()).isEqualTo("no-reply@liveroom.test");
          Matcher m = CODE.matcher(GreenMailUtil.getBody(all[i]));
          assertThat(m.find()).as("the message carries the code").isTrue();
          return m.group(1);
        }
      }
      smtp.waitForIncomingEmail(100, all.length + 1);
    }
    throw new AssertionError("no verification email reached the SMTP server for " + address);
  }

  @Test
  @DisplayName("Password, then the code mailed over SMTP: the address becomes the verified email, audited")
  void roundTrip() throws MessagingException {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = newAddress();
    TestHttp.Response asked = requestChange(u, new JsonObject().put("email", address).put("currentPassword", u.password()));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    JsonObject before = http.get("/api/v1/me", u.accessToken()).json();
    assertThat(before.getString("email")).as("not changed before the code").isNotEqualTo(address);

    TestHttp.Response done = verify(u, mailedCode(address));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().getString("email")).isEqualTo(address);
    JsonObject me = http.get("/api/v1/me", u.accessToken()).json();
    assertThat(me.getString("email")).isEqualTo(address);
    assertThat(me.getBoolean("emailVerified")).isTrue();
    assertThat(AuditRows.count("email_verified", u.id())).isEqualTo(1);
    assertThat(verify(u, mailedCode(address)).status()).as("the code is single use").isEqualTo(400);
  }

  @Test
  @DisplayName("A wrong code is 400 code_invalid; five wrong ones kill the code; an expired one is code_expired")
  void wrongAndExpired() throws MessagingException {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = newAddress();
    assertThat(requestChange(u, new JsonObject().put("email", address).put("currentPassword", u.password())).status())
      .isEqualTo(202);
    String code = mailedCode(address);
    String wrong = code.equals("000000") ? "111111" : "000000";
    TestHttp.Response first = verify(u, wrong);
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.json().getString("code")).isEqualTo("code_invalid");
    for (int i = 0; i < 4; i++) {
      verify(u, wrong);
    }
    TestHttp.Response dead = verify(u, code);
    assertThat(dead.json().getString("code")).as("even the right code, after 5 wrong").isEqualTo("code_attempts_exceeded");

    clock.advance(Duration.ofSeconds(61));
    assertThat(requestChange(u, new JsonObject().put("email", address).put("currentPassword", u.password())).status())
      .isEqualTo(202);
    String fresh = mailedCode(address);
    clock.advance(Duration.ofSeconds(901));
    TestHttp.Response late = verify(u, fresh);
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().getString("code")).isEqualTo("code_expired");
    assertThat(http.get("/api/v1/me", u.accessToken()).json().getBoolean("emailVerified")).isFalse();
  }

  @Test
  @DisplayName("Changing the email needs the password or an SMS code to the current phone; PATCH /me cannot change it")
  void changeNeedsReauthentication() throws MessagingException {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = newAddress();
    TestHttp.Response none = requestChange(u, new JsonObject().put("email", address));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("currentPassword");
    TestHttp.Response wrong = requestChange(u, new JsonObject().put("email", address).put("currentPassword", "guess"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().getString("code")).isEqualTo("invalid_credentials");
    assertThat(AuditRows.count("reauth_failed", u.id())).isEqualTo(1);
    TestHttp.Response patch = http.send("PATCH", "/api/v1/me", new JsonObject().put("email", address).encode(),
      Map.of("Authorization", "Bearer " + u.accessToken()));
    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.body()).contains("reauth_required");

    String smsCode = TestUsers.requestCode(http, u.phone(), "confirm_email_change");
    TestHttp.Response bySms = requestChange(u, new JsonObject().put("email", address).put("currentPhoneCode", smsCode));
    assertThat(bySms.status()).as(bySms.toString()).isEqualTo(202);
    assertThat(verify(u, mailedCode(address)).status()).isEqualTo(200);
    assertThat(http.get("/api/v1/me", u.accessToken()).json().getString("email")).isEqualTo(address);
  }

  @Test
  @DisplayName("A second request within resendSeconds is 429 email_rate_limited with Retry-After")
  void resendCooldown() {
    TestUsers.TestUser u = TestUsers.register(http);
    JsonObject body = new JsonObject().put("email", newAddress()).put("currentPassword", u.password());
    assertThat(requestChange(u, body).status()).isEqualTo(202);
    TestHttp.Response again = requestChange(u, body);
    assertThat(again.status()).as(again.toString()).isEqualTo(429);
    assertThat(again.json().getString("code")).isEqualTo("email_rate_limited");
    assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 60);
  }

  @Test
  @DisplayName("A verified address belongs to one account: verifying it for a second is 409 email_taken")
  void oneAccountPerVerifiedAddress() throws MessagingException {
    String address = newAddress();
    TestUsers.TestUser a = TestUsers.register(http);
    requestChange(a, new JsonObject().put("email", address).put("currentPassword", a.password()));
    assertThat(verify(a, mailedCode(address)).status()).isEqualTo(200);
    TestUsers.TestUser b = TestUsers.register(http);
    assertThat(requestChange(b, new JsonObject().put("email", address.toUpperCase()).put("currentPassword",
      b.password())).status()).isEqualTo(202);
    TestHttp.Response taken = verify(b, mailedCode(address));
    assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
    assertThat(taken.json().getString("code")).isEqualTo("email_taken");
  }

  @Test
  @DisplayName("Email login is off by default: even a verified email and the right password get 503 not_available")
  void emailLoginOffByDefault() throws MessagingException {
    TestUsers.TestUser u = TestUsers.register(http);
    String address = newAddress();
    requestChange(u, new JsonObject().put("email", address).put("currentPassword", u.password()));
    assertThat(verify(u, mailedCode(address)).status()).isEqualTo(200);
    TestHttp.Response r = http.post("/api/v1/auth/email-login", new JsonObject().put("email", address)
      .put("password", u.password()));
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.json().getString("code")).isEqualTo("not_available");
  }
}
