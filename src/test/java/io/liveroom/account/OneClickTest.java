package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Carrier one-click login through the dev-outbox stand-in logs in or registers like an SMS-proven phone")
class OneClickTest {
  private static final AtomicInteger IPS = new AtomicInteger(1);
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> {
    json.getJsonObject("accounts").getJsonObject("oneClick").put("provider", "dev-outbox");
    // Each test speaks from its own client IP (X-Forwarded-For from the trusted loopback), so the
    // per-IP throttle of one test never spills into another.
    json.getJsonObject("http").put("trustedProxies", new JsonArray().add("127.0.0.1"));
    // The test base lifts the per-IP cap; the default applies here.
    json.getJsonObject("accounts").getJsonObject("login").put("maxFailuresPerIp", 50);
  }).build();
  private static final TestHttp http = node.http();

  static String freshIp() {
    return "10.20.0." + IPS.getAndIncrement();
  }

  static String token(String phone) {
    TestHttp.Response r = http.post("/api/v1/dev/one-click-tokens", new JsonObject().put("phone", phone));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getString("token");
  }

  static TestHttp.Response oneClick(String token, String ip) {
    return oneClick(new JsonObject().put("token", token).put("policyVersion", TestUsers.policyVersion()), ip);
  }

  static TestHttp.Response oneClick(JsonObject body, String ip) {
    return http.send("POST", "/api/v1/auth/one-click", body.encode(), Map.of("X-Forwarded-For", ip));
  }

  @Test
  @DisplayName("A new phone registers (201, policy accepted, audited as one_click); the same phone then logs in (200)")
  void registerThenLogin() {
    String phone = TestUsers.newPhone();
    String ip = freshIp();
    TestHttp.Response first = oneClick(new JsonObject().put("token", token(phone)).put("policyVersion",
      TestUsers.policyVersion()).put("nickname", "Carrier"), ip);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().getBoolean("registered")).isTrue();
    assertThat(first.json().getString("accessToken")).isNotBlank();
    long id = first.json().getJsonObject("user").getLong("id");
    assertThat(first.json().getJsonObject("user").getString("nickname")).isEqualTo("Carrier");
    assertThat(auditMethod("register", id)).isEqualTo("one_click");
    assertThat(policyOf(id)).isEqualTo(TestUsers.policyVersion());

    TestHttp.Response again = oneClick(token(phone), ip);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().getBoolean("registered")).isFalse();
    assertThat(again.json().getJsonObject("user").getLong("id")).isEqualTo(id);
    assertThat(auditMethod("login", id)).isEqualTo("one_click");

    JsonObject me = http.get("/api/v1/me", again.json().getString("accessToken")).json();
    assertThat(me.getString("phone")).endsWith(phone.substring(phone.length() - 4));
  }

  @Test
  @DisplayName("An SMS-registered phone logs in by one-click into the same account")
  void existingSmsAccount() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response r = oneClick(token(u.phone()), freshIp());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getJsonObject("user").getLong("id")).isEqualTo(u.id());
  }

  @Test
  @DisplayName("A token works once; an unknown or reused token is 401 one_click_token_invalid and audited")
  void tokenSingleUse() {
    String phone = TestUsers.newPhone();
    String ip = freshIp();
    String token = token(phone);
    assertThat(oneClick(token, ip).status()).isEqualTo(201);
    TestHttp.Response reused = oneClick(token, ip);
    assertThat(reused.status()).as(reused.toString()).isEqualTo(401);
    assertThat(reused.json().getString("code")).isEqualTo("one_click_token_invalid");
    TestHttp.Response unknown = oneClick("dev-one-click-never-issued", ip);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().getString("code")).isEqualTo("one_click_token_invalid");
    assertThat(failedOneClicksFrom(ip)).isEqualTo(2);
  }

  @Test
  @DisplayName("The current policy must be accepted in the request; nothing is registered without it")
  void policyRequired() {
    String phone = TestUsers.newPhone();
    TestHttp.Response old = oneClick(new JsonObject().put("token", token(phone)).put("policyVersion", "1999-01"), freshIp());
    assertThat(old.status()).as(old.toString()).isEqualTo(400);
    assertThat(old.body()).contains("policyVersion", "not_current");
    TestHttp.Response missing = oneClick(new JsonObject().put("token", token(phone)), freshIp());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("policyVersion");
  }

  @Test
  @DisplayName("The phone's login throttle applies: after 5 wrong passwords one-click for that phone is 429 too")
  void phoneThrottleApplies() {
    TestUsers.TestUser u = TestUsers.register(http);
    String ip = freshIp();
    for (int i = 0; i < 5; i++) {
      TestHttp.Response wrong = http.send("POST", "/api/v1/auth/login", new JsonObject().put("phone", u.phone())
        .put("password", "not the password " + i).encode(), Map.of("X-Forwarded-For", ip));
      assertThat(wrong.status()).isEqualTo(401);
    }
    TestHttp.Response r = oneClick(token(u.phone()), freshIp());
    assertThat(r.status()).as(r.toString()).isEqualTo(429);
    assertThat(r.json().getString("code")).isEqualTo("login_throttled");
    assertThat(r.header("Retry-After")).isNotNull();
  }

  @Test
  @DisplayName("Invalid tokens count against the caller's IP: after 50 the right token from that IP is 429")
  void ipThrottleApplies() {
    String ip = freshIp();
    for (int i = 0; i < 50; i++) {
      assertThat(oneClick("dev-one-click-bogus-" + i, ip).status()).isEqualTo(401);
    }
    TestHttp.Response r = oneClick(token(TestUsers.newPhone()), ip);
    assertThat(r.status()).as(r.toString()).isEqualTo(429);
    assertThat(r.json().getString("code")).isEqualTo("login_throttled");
    assertThat(oneClick(token(TestUsers.newPhone()), freshIp()).status()).as("another IP is not throttled")
      .isEqualTo(201);
  }

  private static String auditMethod(String action, long userId) {
    return queryString("SELECT detail->>'method' FROM audit_log WHERE action = ? AND subject_id = ? ORDER BY id DESC LIMIT 1",
      action, userId);
  }

  private static String policyOf(long userId) {
    return queryString("SELECT policy_version FROM users WHERE id = ? AND policy_accepted_at IS NOT NULL", userId);
  }

  private static int failedOneClicksFrom(String ip) {
    return Integer.parseInt(queryString("SELECT count(*)::text FROM audit_log WHERE action = ? AND ip = ? "
      + "AND detail->>'method' = 'one_click' AND detail->>'reason' = ?", "login_failed", ip, "one_click_token_invalid"));
  }

  private static String queryString(String sql, Object... params) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
