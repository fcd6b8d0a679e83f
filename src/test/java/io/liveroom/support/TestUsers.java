package io.liveroom.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users for tests of any capability, made through the real API: request a code, read it from the
 * dev outbox, register. {@link #markVerifiedAdult} and {@link #markVerified} then set the identity
 * flags directly in the database, for capabilities that need a verified (adult) user.
 */
public final class TestUsers {
  public static final String PASSWORD = "correct horse battery staple";

  /** A registered user: id, phone (E.164), password and the tokens from registration. */
  public record TestUser(long id, String phone, String password, String accessToken, String refreshToken,
                         String sessionId) {
  }

  private TestUsers() {
  }

  /** A fresh, valid mainland mobile number (random, so prefixes and numbers do not collide). */
  public static String newPhone() {
    return "+86138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  public static TestUser register(TestHttp http) {
    return register(http, newPhone(), "user" + ThreadLocalRandom.current().nextInt(1_000_000));
  }

  public static TestUser register(TestHttp http, String phone, String nickname) {
    String code = requestCode(http, phone, "register");
    TestHttp.Response r = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", PASSWORD).put("nickname", nickname).put("policyVersion", policyVersion()));
    assertThat(r.status()).as("register: %s", r).isEqualTo(201);
    JsonObject b = r.json();
    return new TestUser(b.getJsonObject("user").getLong("id"), phone, PASSWORD, b.getString("accessToken"),
      b.getString("refreshToken"), b.getString("sessionId"));
  }

  /** Requests a code and returns it from the dev outbox (the node must use the dev-outbox sender). */
  public static String requestCode(TestHttp http, String phone, String purpose) {
    TestHttp.Response sent = http.post("/api/v1/auth/sms-codes", new JsonObject().put("phone", phone).put("purpose", purpose));
    assertThat(sent.status()).as("sms-codes: %s", sent).isEqualTo(202);
    return latestCode(http, phone, purpose);
  }

  public static String latestCode(TestHttp http, String phone, String purpose) {
    TestHttp.Response box = http.get("/api/v1/dev/sms-outbox?phone=" + phone.replace("+", "%2B"));
    assertThat(box.status()).as("outbox: %s", box).isEqualTo(200);
    JsonArray messages = box.json().getJsonArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      if (purpose.equals(m.getString("purpose"))) {
        return m.getString("code");
      }
    }
    throw new AssertionError("no " + purpose + " code in the outbox for the test phone");
  }

  public static String policyVersion() {
    return io.liveroom.config.ConfigLoader.readDefaults().getJsonObject("accounts").getString("policyVersion");
  }

  /** Marks the user identity-verified with an adult birth date (1990-01-01), straight in the DB. */
  public static void markVerifiedAdult(long userId) {
    markVerified(userId, LocalDate.of(1990, 1, 1));
  }

  public static void markVerified(long userId, LocalDate birthDate) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement(
           "UPDATE users SET identity_verified = true, birth_date = ? WHERE id = ?")) {
      st.setObject(1, birthDate);
      st.setLong(2, userId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stores {@code role} for the user: privileged actions read the role from the database, not the token. */
  public static void setRole(long userId, io.liveroom.auth.Role role) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
      st.setString(1, role.wire());
      st.setLong(2, userId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
