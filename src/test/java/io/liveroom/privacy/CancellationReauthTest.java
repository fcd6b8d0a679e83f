package io.liveroom.privacy;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The password of a cancellation is throttled like a login, and every failure is audited")
class CancellationReauthTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").getJsonObject("login")
      .put("maxFailuresPerAccount", 5).put("windowSeconds", 900))
    .build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response cancel(TestUsers.TestUser u, String password) {
    return http.post("/api/v1/me/cancellation", new JsonObject().put("password", password), u.accessToken());
  }

  private static int failures(long userId, String reason) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement("""
      SELECT count(*) FROM audit_log WHERE action = 'reauth_failed' AND subject_id = ?
        AND detail->>'purpose' = 'cancel_account' AND detail->>'reason' = ?""")) {
      st.setLong(1, userId);
      st.setString(2, reason);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("A token holder guessing: 5 wrong passwords are 401, the 6th is 429 even when right; all audited")
  void stolenTokenGuessesThrottled() {
    TestUsers.TestUser u = TestUsers.register(http);
    for (int i = 0; i < 5; i++) {
      TestHttp.Response wrong = cancel(u, "guess number " + i);
      assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
    }
    TestHttp.Response sixth = cancel(u, u.password());
    assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
    assertThat(sixth.json().getString("code")).isEqualTo("login_throttled");
    assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 900);

    assertThat(failures(u.id(), "invalid_credentials")).isEqualTo(5);
    assertThat(failures(u.id(), "login_throttled")).isEqualTo(1);
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).as("not cancelled").isEqualTo(200);
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone()).put("password", u.password()))
      .status()).as("the same per-account counter as login").isEqualTo(429);
  }

  @Test
  @DisplayName("A right password after a few wrong ones cancels, and clears the account's failures")
  void rightPasswordGoesThrough() {
    TestUsers.TestUser u = TestUsers.register(http);
    for (int i = 0; i < 4; i++) {
      assertThat(cancel(u, "guess number " + i).status()).isEqualTo(401);
    }
    TestHttp.Response ok = cancel(u, u.password());
    assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
    assertThat(failures(u.id(), "invalid_credentials")).isEqualTo(4);
  }
}
