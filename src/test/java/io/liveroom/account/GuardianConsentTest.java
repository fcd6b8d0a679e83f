package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every minor's account waits for a guardian's consent, recorded and withdrawn per purpose")
class GuardianConsentTest {
  static final String ADMIN_PHONE = "+8613900000002";

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").put("adminPhones", new JsonArray().add(ADMIN_PHONE)))
    .build();
  private static final TestHttp http = node.http();

  /** Registers with a declared birth date; the response as the API gives it. */
  static TestHttp.Response register(TestHttp http, String phone, LocalDate birthDate) {
    String code = TestUsers.requestCode(http, phone, "register");
    return http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "teen").put("birthDate", birthDate.toString())
      .put("policyVersion", TestUsers.policyVersion()));
  }

  static TestHttp.Response login(TestHttp http, String phone) {
    return http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", TestUsers.PASSWORD));
  }

  /** The admin of {@code adminPhone} (registered on first use), logged in. */
  static String adminToken(TestHttp http, String adminPhone) {
    TestHttp.Response in = login(http, adminPhone);
    if (in.status() != 200) {
      TestUsers.register(http, adminPhone, "admin");
      in = login(http, adminPhone);
    }
    assertThat(in.json().getJsonObject("user").getString("role")).isEqualTo("admin");
    return in.json().getString("accessToken");
  }

  static JsonObject consent(String purpose, String evidence) {
    JsonObject body = new JsonObject().put("relation", "parent").put("evidenceRef", evidence);
    return purpose == null ? body : body.put("purpose", purpose);
  }

  @Test
  @DisplayName("A 15-year-old's registration waits for a guardian: no tokens, login refused, then active once an admin records the consent")
  void fifteenWaitsForGuardian() {
    String phone = TestUsers.newPhone();
    TestHttp.Response reg = register(http, phone, LocalDate.now().minusYears(15));
    assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
    assertThat(reg.json().getBoolean("guardianConsentRequired")).isTrue();
    assertThat(reg.json().containsKey("accessToken")).isFalse();
    assertThat(reg.json().getJsonObject("user").getString("status")).isEqualTo("pending_guardian");
    long teen = reg.json().getJsonObject("user").getLong("id");
    assertThat(login(http, phone).json().getString("code")).isEqualTo("guardian_consent_required");

    String admin = adminToken(http, ADMIN_PHONE);
    TestHttp.Response recorded = http.post("/api/v1/admin/users/" + teen + "/guardian-consent",
      consent(null, "ticket-15"), admin);
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(204);
    TestHttp.Response in = login(http, phone);
    assertThat(in.status()).isEqualTo(200);
    assertThat(http.get("/api/v1/me", in.json().getString("accessToken")).json().getBoolean("minor")).isTrue();
    assertThat(AuditRows.count("admin.guardian_consent", teen)).isEqualTo(1);
    JsonObject audited = AuditRows.detail("admin.guardian_consent", teen);
    assertThat(audited.getString("purpose")).isEqualTo("account");
    assertThat(audited.getString("relation")).isEqualTo("parent");
    assertThat(audited.getString("evidenceRef")).isEqualTo("ticket-15");
    assertThat(audited.getString("ageBand")).isEqualTo("under_16");
  }

  @Test
  @DisplayName("An adult registers active, with no guardian needed")
  void adultActive() {
    TestHttp.Response reg = register(http, TestUsers.newPhone(), LocalDate.now().minusYears(18));
    assertThat(reg.status()).isEqualTo(201);
    assertThat(reg.json().getJsonObject("user").getString("status")).isEqualTo("active");
    assertThat(reg.json().getString("accessToken")).isNotBlank();
  }

  @Test
  @DisplayName("The guardian withdraws the account consent: the minor's tokens stop at once, login waits for a guardian again")
  void withdrawalSuspends() {
    String phone = TestUsers.newPhone();
    long teen = register(http, phone, LocalDate.now().minusYears(16)).json().getJsonObject("user").getLong("id");
    String admin = adminToken(http, ADMIN_PHONE);
    String path = "/api/v1/admin/users/" + teen + "/guardian-consent";
    assertThat(http.post(path, consent("account", "form-1"), admin).status()).isEqualTo(204);
    assertThat(http.post(path, consent("account", "form-1b"), admin).json().getString("code")).isEqualTo("conflict");
    String token = login(http, phone).json().getString("accessToken");
    assertThat(http.get("/api/v1/me", token).status()).isEqualTo(200);

    JsonObject withdrawal = new JsonObject().put("purpose", "account").put("evidenceRef", "ticket-withdraw");
    TestHttp.Response withdrawn = http.post(path + "/withdrawal", withdrawal, admin);
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(204);
    TestHttp.Response me = http.get("/api/v1/me", token);
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.json().getString("code")).isEqualTo("guardian_consent_required");
    assertThat(login(http, phone).json().getString("code")).isEqualTo("guardian_consent_required");
    assertThat(AuditRows.detail("admin.guardian_consent_withdrawn", teen).getBoolean("accountSuspended")).isTrue();
    TestHttp.Response again = http.post(path + "/withdrawal", withdrawal, admin);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().getString("code")).isEqualTo("guardian_consent_not_found");

    assertThat(http.post(path, consent("account", "form-2"), admin).status()).isEqualTo(204);
    assertThat(login(http, phone).status()).isEqualTo(200);
    assertThat(AuditRows.guardianRecords(teen)).as("both records kept, the first withdrawn").containsExactly(
      new JsonObject().put("purpose", "account").put("withdrawn", true),
      new JsonObject().put("purpose", "account").put("withdrawn", false));
  }

  @Test
  @DisplayName("A consent names a known purpose; hosting cannot be consented to for someone under 16")
  void purposes() {
    long teen = register(http, TestUsers.newPhone(), LocalDate.now().minusYears(15)).json().getJsonObject("user").getLong("id");
    String admin = adminToken(http, ADMIN_PHONE);
    String path = "/api/v1/admin/users/" + teen + "/guardian-consent";
    TestHttp.Response unknown = http.post(path, consent("marketing", "t-1"), admin);
    assertThat(unknown.status()).isEqualTo(400);
    TestHttp.Response hosting = http.post(path, consent("hosting", "t-2"), admin);
    assertThat(hosting.status()).isEqualTo(403);
    assertThat(hosting.json().getString("code")).isEqualTo("minor_cannot_host");
  }
}
