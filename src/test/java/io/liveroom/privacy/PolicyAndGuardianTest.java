package io.liveroom.privacy;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.privacy.PrivacyFixtures.count;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static io.liveroom.privacy.PrivacyFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Policy versions are flagged until accepted; guardians act for minors through an administrator")
class PolicyAndGuardianTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A user on an old policy version gets X-Policy-Update-Required until they accept; the acceptance is recorded")
  void policyFlag() {
    long id = update("INSERT INTO users (nickname, policy_version) VALUES ('old', '2020-01') RETURNING id");
    String token = node.get().accessTokens().issue(id, Role.USER, "s-" + id);
    String current = TestUsers.policyVersion();
    assertThat(http.get("/api/v1/me/reports", token).header("X-Policy-Update-Required")).isEqualTo(current);

    TestHttp.Response wrong = http.post("/api/v1/me/policy-acceptance", new JsonObject().put("policyVersion", "2020-01"), token);
    assertThat(wrong.status()).isEqualTo(409);
    TestHttp.Response accepted = http.post("/api/v1/me/policy-acceptance", new JsonObject().put("policyVersion", current), token);
    assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
    assertThat(http.get("/api/v1/me/reports", token).header("X-Policy-Update-Required")).isNull();
    assertThat(count("SELECT count(*) FROM policy_acceptances WHERE user_id = ? AND policy_version = ?", id, current)).isEqualTo(1);
    assertThat(value("SELECT policy_version FROM users WHERE id = ?", id)).isEqualTo(current);
  }

  @Test
  @DisplayName("Until the current policy is accepted, sensitive routes answer policy_acceptance_required; rights never do")
  void sensitiveRoutesGate() {
    long id = update("INSERT INTO users (nickname, policy_version) VALUES ('old2', '2020-01') RETURNING id");
    String token = node.get().accessTokens().issue(id, Role.USER, "s-" + id);
    String current = TestUsers.policyVersion();
    JsonObject grant = new JsonObject().put("granted", true).put("policyVersion", current);
    JsonObject withdraw = new JsonObject().put("granted", false).put("policyVersion", current);

    for (TestHttp.Response refused : java.util.List.of(
      http.put("/api/v1/me/location", new JsonObject().put("lat", 31.2).put("lng", 121.5), token),
      http.put("/api/v1/me/nearby-visibility", new JsonObject().put("visible", true), token),
      http.post("/api/v1/me/identity", new JsonObject().put("realName", "Li Lei").put("idNumber", "11010519491231002X"), token),
      http.post("/api/v1/me/withdrawals", new JsonObject().put("coins", 100).put("requestId", "w-1"), token),
      http.put("/api/v1/me/consents/location", grant, token))) {
      assertThat(refused.status()).as("refused: %s", refused).isEqualTo(403);
      assertThat(refused.json().getString("code")).isEqualTo("policy_acceptance_required");
      assertThat(refused.header("X-Policy-Update-Required")).isEqualTo(current);
    }
    // Withdrawing a consent and asking for an export are rights: they work on any policy version.
    assertThat(http.put("/api/v1/me/consents/location", withdraw, token).status()).isEqualTo(200);
    assertThat(http.post("/api/v1/me/exports", new JsonObject(), token).status()).isEqualTo(202);
    assertThat(count("SELECT count(*) FROM consent_records WHERE user_id = ? AND granted", id)).isZero();

    assertThat(http.post("/api/v1/me/policy-acceptance", new JsonObject().put("policyVersion", current), token).status())
      .isEqualTo(200);
    TestHttp.Response granted = http.put("/api/v1/me/consents/location", grant, token);
    assertThat(granted.status()).as("grant after accepting: %s", granted).isEqualTo(200);
    assertThat(granted.header("X-Policy-Update-Required")).isNull();
  }

  @Test
  @DisplayName("An admin exports or cancels a minor's account for a guardian only when a guardian consent is recorded")
  void guardianRequests() {
    long admin = update("INSERT INTO users (nickname, role) VALUES ('admin', 'admin') RETURNING id");
    long minor = update("INSERT INTO users (nickname, birth_date) VALUES ('kid', current_date - 3650) RETURNING id");
    String adminToken = node.get().accessTokens().issue(admin, Role.ADMIN, "s-" + admin);
    JsonObject export = new JsonObject().put("kind", "export").put("evidenceRef", "ticket-42");

    TestHttp.Response refused = http.post("/api/v1/admin/users/" + minor + "/guardian-requests", export, adminToken);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("guardian_record_required");

    update("INSERT INTO guardian_consents (user_id, relation, evidence_ref, recorded_by) VALUES (?, 'parent', 'form-1', ?)",
      minor, admin);
    TestHttp.Response started = http.post("/api/v1/admin/users/" + minor + "/guardian-requests", export, adminToken);
    assertThat(started.status()).as("export: %s", started).isEqualTo(202);
    assertThat(value("SELECT requested_by FROM data_exports WHERE user_id = ?", minor)).isEqualTo(admin);

    TestHttp.Response cancel = http.post("/api/v1/admin/users/" + minor + "/guardian-requests",
      new JsonObject().put("kind", "cancellation").put("evidenceRef", "ticket-43"), adminToken);
    assertThat(cancel.status()).as("cancel: %s", cancel).isEqualTo(202);
    assertThat(value("SELECT status FROM users WHERE id = ?", minor)).isEqualTo("frozen");
    assertThat(count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = 'privacy.cancellation.requested'"
      + " AND detail->>'evidenceRef' = 'ticket-43'", minor)).isEqualTo(1);

    long user = update("INSERT INTO users (nickname) VALUES ('plain') RETURNING id");
    String userToken = node.get().accessTokens().issue(user, Role.USER, "s-" + user);
    assertThat(http.post("/api/v1/admin/users/" + minor + "/guardian-requests", export, userToken).status()).isEqualTo(403);
  }
}
