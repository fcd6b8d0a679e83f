package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Real-name verification, minors and guardian consent")
class IdentityTest {
  private static final String ADMIN_PHONE = "+8613900000001";
  private static final List<Long> disabled = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").put("adminPhones",
      new io.vertx.core.json.JsonArray().add(ADMIN_PHONE)))
    .build();
  private static final TestHttp http = node.http();

  @BeforeAll
  static void boot() {
    node.get().accounts().events().add(new SessionEvents() {
      @Override
      public void sessionRevoked(long userId, String sessionId) {
      }
      @Override
      public void userDisabled(long userId) {
        disabled.add(userId);
      }
    });
  }

  /** A well-formed number for a Beijing (110105) resident born on {@code birth}. */
  static String idNumber(LocalDate birth, int seq) {
    String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", seq);
    return first17 + ResidentId.checkCharacter(first17);
  }

  private static TestHttp.Response verify(String token, String name, String number) {
    return http.post("/api/v1/me/identity", new JsonObject().put("realName", name).put("idNumber", number), token);
  }

  @Test
  @DisplayName("The check digit, region and birth date of an ID number are all validated")
  void residentIdRules() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    assertThat(ResidentId.parse("11010519491231002X", today)).map(ResidentId::birthDate)
      .contains(LocalDate.of(1949, 12, 31));
    assertThat(ResidentId.parse("110105194912310021", today)).as("wrong check digit").isEmpty();
    assertThat(ResidentId.parse(idNumber(LocalDate.of(1990, 2, 28), 1).replace("110105", "990105"), today))
      .as("unknown province").isEmpty();
    String feb30 = "11010519900230001";
    assertThat(ResidentId.parse(feb30 + ResidentId.checkCharacter(feb30), today)).as("no such date").isEmpty();
    String future = "11010520300101001";
    assertThat(ResidentId.parse(future + ResidentId.checkCharacter(future), today)).as("future").isEmpty();
    assertThat(ResidentId.parse("11010519491231002X", today).orElseThrow().masked()).isEqualTo("1101**********002X");
  }

  @Test
  @DisplayName("An adult verifies, sees only masked values, and the same number cannot verify a second account")
  void verifyAdult() {
    TestUsers.TestUser u = TestUsers.register(http);
    String number = idNumber(LocalDate.of(1990, 5, 17), 123);
    TestHttp.Response r = verify(u.accessToken(), "张三丰", number);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("idNumber")).isEqualTo(number.substring(0, 4) + "**********" + number.substring(14));
    assertThat(r.json().getString("realName")).isEqualTo("张**");
    assertThat(r.json().getBoolean("adult")).isTrue();
    assertThat(r.body()).doesNotContain(number).doesNotContain("张三丰");

    JsonObject me = http.get("/api/v1/me", u.accessToken()).json();
    assertThat(me.getBoolean("identityVerified")).isTrue();
    assertThat(me.getBoolean("minor")).isFalse();
    assertThat(me.getString("birthDate")).isEqualTo("1990-05-17");
    assertThat(me.getJsonObject("identity").getString("idNumber")).contains("**********");
    assertThat(me.encode()).doesNotContain(number);

    assertThat(verify(u.accessToken(), "张三丰", number).json().getString("code")).isEqualTo("identity_already_verified");
    TestUsers.TestUser other = TestUsers.register(http);
    TestHttp.Response dup = verify(other.accessToken(), "张三丰", number.toLowerCase());
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().getString("code")).isEqualTo("identity_already_used");
    assertThat(http.get("/api/v1/users/" + u.id(), other.accessToken()).json().getBoolean("identityVerified")).isTrue();
  }

  @Test
  @DisplayName("A self-declared adult whose verified ID shows 16 waits for a guardian: the token stops at once, then works after consent")
  void verificationRevealsMinor() {
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "grown-up").put("birthDate", "1990-01-01")
      .put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.json().getJsonObject("user").getString("status")).isEqualTo("active");
    String token = reg.json().getString("accessToken");
    long id = reg.json().getJsonObject("user").getLong("id");

    TestHttp.Response r = verify(token, "李四", idNumber(LocalDate.now().minusYears(16), 7));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getBoolean("adult")).isFalse();
    assertThat(r.json().getString("status")).isEqualTo("pending_guardian");
    TestHttp.Response me = http.get("/api/v1/me", token);
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.json().getString("code")).isEqualTo("guardian_consent_required");
    assertThat(disabled).contains(id);
    JsonObject login = new JsonObject().put("phone", phone).put("password", TestUsers.PASSWORD);
    assertThat(http.post("/api/v1/auth/login", login).json().getString("code")).isEqualTo("guardian_consent_required");

    assertThat(http.post("/api/v1/admin/users/" + id + "/guardian-consent", new JsonObject().put("relation", "parent")
      .put("evidenceRef", "ticket-16"), adminUser().accessToken()).status()).isEqualTo(204);
    String fresh = http.post("/api/v1/auth/login", login).json().getString("accessToken");
    assertThat(http.get("/api/v1/me", fresh).json().getBoolean("minor")).isTrue();
  }

  @Test
  @DisplayName("A 12-year-old's account waits for a guardian consent an admin records, then works")
  void underFourteenNeedsGuardian() {
    TestUsers.TestUser admin = adminUser();
    String birth = LocalDate.now().minusYears(12).toString();
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "kid").put("birthDate", birth)
      .put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.status()).isEqualTo(201);
    assertThat(reg.json().getBoolean("guardianConsentRequired")).isTrue();
    assertThat(reg.json().containsKey("accessToken")).isFalse();
    long kid = reg.json().getJsonObject("user").getLong("id");
    assertThat(reg.json().getJsonObject("user").getString("status")).isEqualTo("pending_guardian");

    JsonObject login = new JsonObject().put("phone", phone).put("password", TestUsers.PASSWORD);
    assertThat(http.post("/api/v1/auth/login", login).json().getString("code")).isEqualTo("guardian_consent_required");

    JsonObject consent = new JsonObject().put("relation", "parent").put("evidenceRef", "ticket-4711");
    TestUsers.TestUser stranger = TestUsers.register(http);
    assertThat(http.post("/api/v1/admin/users/" + kid + "/guardian-consent", consent, stranger.accessToken()).status())
      .isEqualTo(403);
    assertThat(http.post("/api/v1/admin/users/" + kid + "/guardian-consent", consent, admin.accessToken()).status())
      .isEqualTo(204);
    assertThat(http.post("/api/v1/auth/login", login).status()).isEqualTo(200);
    assertThat(AuditRows.count("admin.guardian_consent", kid)).isEqualTo(1);
  }

  @Test
  @DisplayName("Verifying an ID that shows the user is under 14 suspends the account until a guardian consents")
  void verificationRevealsChild() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response r = verify(u.accessToken(), "王小明", idNumber(LocalDate.now().minusYears(10), 9));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("pending_guardian");
    TestHttp.Response me = http.get("/api/v1/me", u.accessToken());
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.json().getString("code")).isEqualTo("guardian_consent_required");
    assertThat(disabled).contains(u.id());
  }

  @Test
  @DisplayName("An admin bans a user: their tokens stop working at once, sockets are told, and it is audited")
  void adminBans() {
    TestUsers.TestUser target = TestUsers.register(http);
    TestHttp.Response notAdmin = http.post("/api/v1/admin/users/" + target.id() + "/status",
      new JsonObject().put("status", "banned").put("reason", "spam"), target.accessToken());
    assertThat(notAdmin.status()).isEqualTo(403);

    TestUsers.TestUser realAdmin = adminUser();
    TestHttp.Response ban = http.post("/api/v1/admin/users/" + target.id() + "/status",
      new JsonObject().put("status", "banned").put("reason", "spam"), realAdmin.accessToken());
    assertThat(ban.status()).as(ban.toString()).isEqualTo(204);
    TestHttp.Response me = http.get("/api/v1/me", target.accessToken());
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.json().getString("code")).isEqualTo("account_disabled");
    assertThat(disabled).contains(target.id());
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", target.phone())
      .put("password", target.password())).json().getString("code")).isEqualTo("account_disabled");
    assertThat(AuditRows.count("admin.set_status", target.id())).isEqualTo(1);
  }

  private static TestUsers.TestUser adminUser() {
    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", ADMIN_PHONE)
      .put("password", TestUsers.PASSWORD));
    if (login.status() == 200) {
      JsonObject b = login.json();
      assertThat(b.getJsonObject("user").getString("role")).isEqualTo("admin");
      return new TestUsers.TestUser(b.getJsonObject("user").getLong("id"), ADMIN_PHONE, TestUsers.PASSWORD,
        b.getString("accessToken"), b.getString("refreshToken"), b.getString("sessionId"));
    }
    TestUsers.TestUser a = TestUsers.register(http, ADMIN_PHONE, "admin");
    assertThat(http.get("/api/v1/me", a.accessToken()).json().getString("role")).isEqualTo("admin");
    return a;
  }
}
