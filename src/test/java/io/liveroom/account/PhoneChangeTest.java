package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Phone change: a stolen access token alone cannot move the account to the thief's number")
class PhoneChangeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response login(String phone, String password) {
    return http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", password));
  }

  private static TestHttp.Response change(String token, JsonObject body) {
    return http.post("/api/v1/me/phone", body, token);
  }

  private static List<JsonObject> notices(String phone) {
    JsonArray messages = http.get("/api/v1/dev/sms-outbox?phone=" + phone.replace("+", "%2B")).json()
      .getJsonArray("messages");
    return IntStream.range(0, messages.size()).mapToObj(messages::getJsonObject)
      .filter(m -> m.containsKey("notice")).toList();
  }

  @Test
  @DisplayName("A token plus a code for the thief's own number is refused; a wrong password is refused and audited")
  void tokenAloneIsNotEnough() {
    TestUsers.TestUser victim = TestUsers.register(http);
    String thiefPhone = TestUsers.newPhone();

    String code = TestUsers.requestCode(http, thiefPhone, "change_phone");
    TestHttp.Response bare = change(victim.accessToken(), new JsonObject().put("phone", thiefPhone).put("code", code));
    assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
    assertThat(bare.json().getJsonArray("errors").encode()).contains("currentPassword");

    TestHttp.Response guessed = change(victim.accessToken(), new JsonObject().put("phone", thiefPhone).put("code", code)
      .put("currentPassword", "a guessed password"));
    assertThat(guessed.status()).isEqualTo(401);
    assertThat(guessed.json().getString("code")).isEqualTo("invalid_credentials");
    assertThat(AuditRows.count("reauth_failed", victim.id())).isEqualTo(1);

    assertThat(login(victim.phone(), victim.password()).status()).as("the account still has its number").isEqualTo(200);
    assertThat(login(thiefPhone, victim.password()).status()).isEqualTo(401);
    assertThat(AuditRows.count("phone_changed", victim.id())).isZero();
  }

  @Test
  @DisplayName("With the password: the phone moves, other sessions end, the caller's stays, the old number is told")
  void withPassword() {
    TestUsers.TestUser u = TestUsers.register(http);
    String otherDevice = login(u.phone(), u.password()).json().getString("accessToken");
    String newPhone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, newPhone, "change_phone");

    TestHttp.Response r = change(u.accessToken(), new JsonObject().put("phone", newPhone).put("code", code)
      .put("currentPassword", u.password()));
    assertThat(r.status()).as(r.toString()).isEqualTo(204);

    assertThat(http.get("/api/v1/me", u.accessToken()).status()).as("the caller's session survives").isEqualTo(200);
    assertThat(http.get("/api/v1/me", otherDevice).json().getString("code")).isEqualTo("session_revoked");
    assertThat(notices(u.phone())).singleElement().satisfies(n -> {
      assertThat(n.getString("notice")).isEqualTo("phone_changed");
      assertThat(n.containsKey("code")).isFalse();
      assertThat(n.getString("text")).doesNotContain(newPhone.substring(newPhone.length() - 4));
    });
    assertThat(notices(newPhone)).isEmpty();
    assertThat(login(newPhone, u.password()).status()).isEqualTo(200);
    assertThat(login(u.phone(), u.password()).status()).isEqualTo(401);
    assertThat(AuditRows.count("phone_changed", u.id())).isEqualTo(1);
  }

  @Test
  @DisplayName("With a code sent to the current number instead of the password, the phone moves too")
  void withCurrentPhoneCode() {
    TestUsers.TestUser u = TestUsers.register(http);
    String newPhone = TestUsers.newPhone();
    String newCode = TestUsers.requestCode(http, newPhone, "change_phone");
    String wrongPurpose = TestUsers.requestCode(http, u.phone(), "cancel_account");
    TestHttp.Response refused = change(u.accessToken(), new JsonObject().put("phone", newPhone).put("code", newCode)
      .put("currentPhoneCode", wrongPurpose));
    assertThat(refused.json().getString("code")).isEqualTo("code_invalid");

    String current = TestUsers.requestCode(http, u.phone(), "confirm_phone_change");
    TestHttp.Response r = change(u.accessToken(), new JsonObject().put("phone", newPhone).put("code", newCode)
      .put("currentPhoneCode", current));
    assertThat(r.status()).as(r.toString()).isEqualTo(204);
    assertThat(login(newPhone, u.password()).status()).isEqualTo(200);
    assertThat(notices(u.phone())).extracting(n -> n.getString("notice")).containsExactly("phone_changed");
  }
}
