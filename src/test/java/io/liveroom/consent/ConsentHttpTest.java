package io.liveroom.consent;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Consents: a ledger per user and purpose, granted and withdrawn with one call, audited")
class ConsentHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();
  private long userId;
  private String token;

  @BeforeEach
  void user() throws SQLException {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("INSERT INTO users (nickname, policy_version) VALUES ('consenter', '"
           + TestUsers.policyVersion() + "') RETURNING id")) {
      rs.next();
      userId = rs.getLong(1);
    }
    token = node.get().accessTokens().issue(userId, Role.USER, "s-" + userId);
  }

  private TestHttp.Response put(String purpose, String body) {
    return http.send("PUT", "/api/v1/me/consents/" + purpose, body, Map.of("Authorization", "Bearer " + token));
  }

  private TestHttp.Response decide(String purpose, boolean granted, String version) {
    return put(purpose, new JsonObject().put("granted", granted).put("policyVersion", version).put("source", "web").encode());
  }

  private JsonObject state(String purpose) {
    JsonArray all = http.get("/api/v1/me/consents", token).json().getJsonArray("consents");
    for (int i = 0; i < all.size(); i++) {
      if (all.getJsonObject(i).getString("purpose").equals(purpose)) {
        return all.getJsonObject(i);
      }
    }
    throw new AssertionError("no state for " + purpose);
  }

  @Test
  @DisplayName("Every purpose starts not granted, and a grant shows with its policy version and source")
  void startsUngrantedThenGrants() {
    TestHttp.Response before = http.get("/api/v1/me/consents", token);
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.json().getJsonArray("consents")).hasSize(3);
    assertThat(state("location").getBoolean("granted")).isFalse();
    assertThat(state("marketing_notifications").getString("policyVersion")).isNull();

    TestHttp.Response granted = decide("location", true, "2026-01");
    assertThat(granted.status()).isEqualTo(200);
    assertThat(granted.json().getBoolean("granted")).isTrue();
    JsonObject location = state("location");
    assertThat(location.getBoolean("granted")).isTrue();
    assertThat(location.getString("policyVersion")).isEqualTo("2026-01");
    assertThat(location.getString("source")).isEqualTo("web");
    assertThat(location.getString("at")).isNotBlank();
    assertThat(state("personalized_recommendations").getBoolean("granted")).isFalse();
  }

  @Test
  @DisplayName("Withdrawing is the same call and takes effect for the very next check")
  void withdrawIsImmediate() throws Exception {
    decide("location", true, "2026-01");
    assertThat(isGranted("location")).isTrue();
    assertThat(decide("location", false, "2026-01").status()).isEqualTo(200);
    assertThat(isGranted("location")).isFalse();
    assertThat(state("location").getBoolean("granted")).isFalse();
  }

  private boolean isGranted(String purpose) throws Exception {
    return node.get().consents().isGranted(userId, Purpose.fromWire(purpose).orElseThrow())
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The history lists every decision in order; repeating the current decision appends nothing")
  void historyAndIdempotency() {
    decide("marketing_notifications", true, "2026-01");
    decide("marketing_notifications", true, "2026-01");
    decide("marketing_notifications", false, "2026-01");
    decide("marketing_notifications", true, "2026-02");
    JsonArray records = http.get("/api/v1/me/consents/history", token).json().getJsonArray("records");
    assertThat(records).hasSize(3);
    assertThat(records.getJsonObject(0).getBoolean("granted")).isTrue();
    assertThat(records.getJsonObject(1).getBoolean("granted")).isFalse();
    assertThat(records.getJsonObject(2).getString("policyVersion")).isEqualTo("2026-02");
  }

  @Test
  @DisplayName("Each change is audit-logged about the user, with purpose, version and source")
  void audited() throws SQLException {
    decide("location", true, "2026-01");
    decide("location", false, "2026-01");
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT action, target_id, detail::text FROM audit_log WHERE subject_id = "
           + userId + " ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("consent.granted");
      assertThat(rs.getString(2)).isEqualTo("location");
      assertThat(rs.getString(3)).contains("2026-01").contains("web");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("consent.withdrawn");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  @DisplayName("The ledger is append-only: PostgreSQL refuses to update or delete a decision")
  void appendOnly() throws SQLException {
    decide("location", true, "2026-01");
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE consent_records SET granted = false WHERE user_id = " + userId))
        .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM consent_records WHERE user_id = " + userId))
        .hasMessageContaining("append-only");
    }
  }

  @Test
  @DisplayName("Bad bodies are 400 with field errors; an unknown purpose is 404; no token is 401")
  void badInput() {
    TestHttp.Response bad = put("location", "{\"granted\":\"yes\",\"policyVersion\":\"\",\"source\":\"fax\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("code")).isEqualTo("validation_failed");
    assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
      .containsExactlyInAnyOrder("granted", "policyVersion", "source");
    assertThat(decide("telepathy", true, "2026-01").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/me/consents").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me/consents/history", token).json().getJsonArray("records")).isEmpty();
  }

  @Test
  @DisplayName("A failing withdrawal effect is logged but never undoes or fails the withdrawal")
  void failingListenerDoesNotBlockWithdrawal() throws Exception {
    node.get().consents().onWithdrawal(Purpose.MARKETING_NOTIFICATIONS, (user, purpose) ->
      io.vertx.core.Future.failedFuture(new IllegalStateException("mail provider down")));
    decide("marketing_notifications", true, "2026-01");
    TestHttp.Response withdrawn = decide("marketing_notifications", false, "2026-01");
    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.json().getBoolean("granted")).isFalse();
    assertThat(isGranted("marketing_notifications")).isFalse();
  }

  @Test
  @DisplayName("Withdrawal listeners run before the withdrawal is answered")
  void listenersRun() {
    java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong();
    node.get().consents().onWithdrawal(Purpose.PERSONALIZED_RECOMMENDATIONS, (user, purpose) -> {
      told.set(user);
      return io.vertx.core.Future.succeededFuture();
    });
    decide("personalized_recommendations", true, "2026-01");
    assertThat(told.get()).isZero();
    decide("personalized_recommendations", false, "2026-01");
    assertThat(told.get()).isEqualTo(userId);
  }
}
