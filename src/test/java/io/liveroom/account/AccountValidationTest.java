package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Malformed bodies and fields get 400 problem+json with field errors, never a 500")
class AccountValidationTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();
  private static TestUsers.TestUser user;

  @BeforeAll
  static void boot() {
    user = TestUsers.register(http);
  }

  private static TestHttp.Response post(String path, String body) {
    return http.send("POST", path, body, Map.of("Authorization", "Bearer " + user.accessToken()));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
    "/api/v1/auth/sms-codes|{\"phone\": 13800138000, \"purpose\": \"login\"}|phone",
    "/api/v1/auth/sms-codes|{\"purpose\": \"login\"}|phone",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"12ab56\", \"password\": \"x\", \"nickname\": \"\", \"policyVersion\": \"1999\"}|code",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"password\": \"short\", \"nickname\": \"n\", \"policyVersion\": \"2026-01\"}|password",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"password\": \"password123\", \"nickname\": \"n\", \"policyVersion\": \"2026-01\"}|password",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"password\": \"a good password\", \"nickname\": \"n\", \"policyVersion\": \"1999\"}|policyVersion",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"password\": \"a good password\", \"nickname\": \"n\", \"policyVersion\": \"2026-01\", \"birthDate\": \"31/12/2001\"}|birthDate",
    "/api/v1/auth/register|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"password\": \"a good password\", \"nickname\": [1], \"policyVersion\": \"2026-01\"}|nickname",
    "/api/v1/auth/login|{\"phone\": \"+8613800138000\"}|password",
    "/api/v1/auth/login|{\"phone\": \"+8613800138000\", \"password\": 12345678}|password",
    "/api/v1/auth/password-reset|{\"phone\": \"+8613800138000\", \"code\": \"123456\", \"newPassword\": \"12345678\"}|newPassword",
    "/api/v1/auth/refresh|{\"refreshToken\": 5}|refreshToken",
    "/api/v1/me/identity|{\"realName\": \"张三\", \"idNumber\": \"110105194912310020\"}|idNumber",
    "/api/v1/me/identity|{\"realName\": \"R2D2\", \"idNumber\": \"11010519491231002X\"}|realName",
    "/api/v1/me/phone|{\"phone\": \"not a phone\", \"code\": \"123456\"}|phone"
  })
  @DisplayName("A bad field is named in the problem's errors")
  void fieldErrors(String path, String body, String field) {
    TestHttp.Response r = post(path, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.json().getString("code")).isEqualTo("validation_failed");
    assertThat(r.json().getJsonArray("errors").encode()).contains("\"field\":\"" + field + "\"");
  }

  @Test
  @DisplayName("A password over 128 characters and a common one are refused with distinct reasons")
  void passwordRules() {
    String body = new JsonObject().put("phone", "+8613800138000").put("code", "123456").put("nickname", "n")
      .put("policyVersion", TestUsers.policyVersion()).put("password", "x".repeat(129)).encode();
    assertThat(post("/api/v1/auth/register", body).body()).contains("too_long");
    String common = new JsonObject(body).put("password", "Qwertyuiop").encode();
    assertThat(post("/api/v1/auth/register", common).body()).contains("too_common");
  }

  @Test
  @DisplayName("Unparsable JSON, a JSON array, and a missing body are 400 malformed_json")
  void malformedBodies() {
    for (String body : new String[] {"{not json", "[1,2]", ""}) {
      TestHttp.Response r = post("/api/v1/auth/login", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().getString("code")).isEqualTo("malformed_json");
    }
    TestHttp.Response patch = http.send("PATCH", "/api/v1/me", "{\"gender\": \"robot\", \"role\": \"admin\"}",
      Map.of("Authorization", "Bearer " + user.accessToken()));
    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.body()).contains("\"field\":\"gender\"").contains("\"field\":\"role\"");
  }
}
