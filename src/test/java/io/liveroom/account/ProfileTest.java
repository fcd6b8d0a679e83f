package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Profiles: the owner's view, edits, the public view, and phone changes")
class ProfileTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response patch(String token, JsonObject body) {
    return http.send("PATCH", "/api/v1/me", body.encode(), Map.of("Authorization", "Bearer " + token));
  }

  @Test
  @DisplayName("The owner edits nickname, avatar, gender and bio; others see only nickname, avatar and verified")
  void editAndPublicView() {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response r = patch(u.accessToken(), new JsonObject().put("nickname", "Nova").put("avatarUrl",
      "https://cdn.example.com/a.png").put("gender", "female").put("bio", "hi"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonObject me = http.get("/api/v1/me", u.accessToken()).json();
    assertThat(me.getString("nickname")).isEqualTo("Nova");
    assertThat(me.getString("phone")).contains("*").endsWith(u.phone().substring(u.phone().length() - 4));

    assertThat(patch(u.accessToken(), new JsonObject().putNull("bio")).json().containsKey("bio")).isTrue();
    assertThat(http.get("/api/v1/me", u.accessToken()).json().getString("bio")).isNull();
    assertThat(http.get("/api/v1/me", u.accessToken()).json().getString("gender")).isEqualTo("female");

    TestUsers.TestUser other = TestUsers.register(http);
    TestHttp.Response pub = http.get("/api/v1/users/" + u.id(), other.accessToken());
    assertThat(pub.status()).isEqualTo(200);
    // The public fields, plus the follow counts and relation the social capability adds (docs/SOCIAL.md).
    assertThat(pub.json().fieldNames()).containsExactlyInAnyOrder("id", "nickname", "avatarUrl", "identityVerified",
      "followerCount", "followingCount", "youFollow", "followsYou", "mutual", "blockedByYou");
    assertThat(pub.body()).doesNotContain("phone", "email");
    assertThat(http.get("/api/v1/users/999999", other.accessToken()).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/users/abc", other.accessToken()).status()).as("a malformed id is a bad request")
      .isEqualTo(400);
    assertThat(http.get("/api/v1/users/" + u.id()).status()).as("needs a token").isEqualTo(401);
  }

  @Test
  @DisplayName("The phone changes only with a code sent to the new number (after the password), never to a number in use")
  void changePhone() {
    TestUsers.TestUser u = TestUsers.register(http);
    String newPhone = TestUsers.newPhone();
    String oldNumberCode = TestUsers.requestCode(http, u.phone(), "change_phone");
    TestHttp.Response wrongNumber = http.post("/api/v1/me/phone",
      new JsonObject().put("phone", newPhone).put("code", oldNumberCode).put("currentPassword", u.password()),
      u.accessToken());
    assertThat(wrongNumber.json().getString("code")).isEqualTo("code_invalid");

    String code = TestUsers.requestCode(http, newPhone, "change_phone");
    assertThat(http.post("/api/v1/me/phone", new JsonObject().put("phone", newPhone).put("code", code)
      .put("currentPassword", u.password()), u.accessToken()).status()).isEqualTo(204);
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", newPhone).put("password", u.password()))
      .status()).isEqualTo(200);
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone()).put("password", u.password()))
      .status()).isEqualTo(401);
    assertThat(AuditRows.count("phone_changed", u.id())).isEqualTo(1);

    TestUsers.TestUser other = TestUsers.register(http);
    String taken = TestUsers.requestCode(http, newPhone, "change_phone");
    TestHttp.Response conflict = http.post("/api/v1/me/phone", new JsonObject().put("phone", newPhone).put("code", taken)
      .put("currentPassword", other.password()), other.accessToken());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().getString("code")).isEqualTo("phone_taken");
  }

  @Test
  @DisplayName("An alg:none token and a token signed with another key are refused over HTTP")
  void forgedTokens() {
    TestUsers.TestUser u = TestUsers.register(http);
    String payload = u.accessToken().split("\\.")[1];
    String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    assertThat(http.get("/api/v1/me", none).status()).isEqualTo(401);
    String[] parts = u.accessToken().split("\\.");
    String resigned = parts[0] + "." + parts[1] + "." + b64("not the signature of this token at all!!");
    assertThat(http.get("/api/v1/me", resigned).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(200);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
