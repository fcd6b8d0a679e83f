package io.liveroom.youth;

import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Turning youth mode off needs its password, or for a minor the guardian path")
class YouthSwitchTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response put(User u, JsonObject body) {
    return YouthClients.put(http, u, body);
  }

  private static TestHttp.Response guardian(User admin, long userId, JsonObject body) {
    return http.send("PUT", "/api/v1/admin/users/" + userId + "/youth-mode", body.encode(),
      Map.of("Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("An adult turns it on with a password (none: 400); off with a wrong password is refused and it stays on; the right one turns it off; the hash is Argon2id")
  void adultNeedsThePassword() {
    User parent = YouthClients.adult(node.get());
    assertThat(YouthClients.status(http, parent).getBoolean("enabled")).isFalse();
    assertThat(put(parent, new JsonObject().put("enabled", true)).status()).as("no password").isEqualTo(400);
    assertThat(put(parent, new JsonObject().put("enabled", true).put("password", "12345")).status())
      .as("too short").isEqualTo(400);

    YouthClients.turnOn(http, parent, "Asia/Shanghai");
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM youth_settings WHERE user_id = " + parent.id()
      + " AND password_hash LIKE '$argon2id$%'")).isEqualTo(1L);

    TestHttp.Response wrong = put(parent, new JsonObject().put("enabled", false).put("password", "not-it"));
    assertThat(wrong.status()).as("wrong password: %s", wrong).isEqualTo(403);
    assertThat(wrong.json().getString("code")).isEqualTo("youth_password_invalid");
    TestHttp.Response none = put(parent, new JsonObject().put("enabled", false));
    assertThat(none.json().getString("code")).isEqualTo("youth_password_invalid");
    TestHttp.Response moveZone = put(parent, new JsonObject().put("enabled", true).put("timeZone", "Europe/Paris"));
    assertThat(moveZone.json().getString("code")).as("moving the zone loosens the curfew: password needed")
      .isEqualTo("youth_password_invalid");
    JsonObject still = YouthClients.status(http, parent);
    assertThat(still.getBoolean("enabled")).isTrue();
    assertThat(still.getString("timeZone")).isEqualTo("Asia/Shanghai");

    TestHttp.Response off = put(parent, new JsonObject().put("enabled", false).put("password", YouthClients.PASSWORD));
    assertThat(off.status()).as("right password: %s", off).isEqualTo(200);
    assertThat(off.json().getBoolean("enabled")).isFalse();
    assertThat(YouthClients.status(http, parent).getBoolean("enabled")).isFalse();
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM audit_log WHERE subject_id = " + parent.id()
      + " AND action IN ('youth.on', 'youth.off')")).isEqualTo(2L);
  }

  @Test
  @DisplayName("Wrong passwords are limited: the sixth try is 429 even with the right password")
  void guessingIsLimited() {
    User parent = YouthClients.adult(node.get());
    YouthClients.turnOn(http, parent, "Asia/Shanghai");
    for (int i = 0; i < 5; i++) {
      assertThat(put(parent, new JsonObject().put("enabled", false).put("password", "guess-" + i)).status()).isEqualTo(403);
    }
    TestHttp.Response limited = put(parent, new JsonObject().put("enabled", false).put("password", YouthClients.PASSWORD));
    assertThat(limited.status()).as("limited: %s", limited).isEqualTo(429);
    assertThat(YouthClients.status(http, parent).getBoolean("enabled")).isTrue();
  }

  @Test
  @DisplayName("A 16-year-old cannot turn it off or move its zone; an admin can only with a guardian consent on record and an evidence reference, audited")
  void minorNeedsTheGuardian() {
    User teen = YouthClients.aged(node.get(), 16);
    User admin = YouthClients.admin(node.get());
    TestHttp.Response self = put(teen, new JsonObject().put("enabled", false).put("password", "anything"));
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.json().getString("code")).isEqualTo("youth_guardian_required");
    assertThat(put(teen, new JsonObject().put("enabled", true).put("timeZone", "America/New_York")).json()
      .getString("code")).isEqualTo("youth_guardian_required");

    JsonObject off = new JsonObject().put("enabled", false).put("evidenceRef", "ticket-4711");
    assertThat(guardian(teen, teen.id(), off).status()).as("not an admin").isEqualTo(403);
    assertThat(guardian(admin, teen.id(), new JsonObject().put("enabled", false)).status()).as("no evidence")
      .isEqualTo(400);
    TestHttp.Response noRecord = guardian(admin, teen.id(), off);
    assertThat(noRecord.status()).as("no guardian consent on record: %s", noRecord).isEqualTo(409);
    assertThat(noRecord.json().getString("code")).isEqualTo("guardian_record_required");
    assertThat(YouthClients.status(http, teen).getBoolean("enabled")).isTrue();

    TestHttp.Response consent = http.post("/api/v1/admin/users/" + teen.id() + "/guardian-consent",
      new JsonObject().put("relation", "parent").put("evidenceRef", "form-88"), admin.token());
    assertThat(consent.status()).as("guardian consent: %s", consent).isIn(200, 201, 204);
    TestHttp.Response done = guardian(admin, teen.id(), off);
    assertThat(done.status()).as("guardian path: %s", done).isEqualTo(200);
    JsonObject status = YouthClients.status(http, teen);
    assertThat(status.getBoolean("enabled")).isFalse();
    assertThat(status.getString("reason")).isEqualTo("guardian_off");
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM audit_log WHERE subject_id = " + teen.id()
      + " AND action = 'youth.guardian_off' AND actor_id = " + admin.id()
      + " AND detail->>'evidenceRef' = 'ticket-4711'")).isEqualTo(1L);

    // Turning it back on is a tightening: the teen may do it alone.
    assertThat(put(teen, new JsonObject().put("enabled", true)).json().getBoolean("enabled")).isTrue();
  }
}
