package io.liveroom.youth;

import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Youth mode counts minors by accounts.minorAge, as the account rules do")
class YouthMinorAgeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").put("minorAge", 16))
    .build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("With minorAge 16, a 17-year-old is not forced into youth mode and a 15-year-old is")
  void followsTheAccountsThreshold() {
    JsonObject seventeen = YouthClients.status(http, YouthClients.aged(node.get(), 17));
    assertThat(seventeen.getBoolean("minor")).isFalse();
    assertThat(seventeen.getBoolean("enabled")).isFalse();
    assertThat(seventeen.getString("reason")).isEqualTo("off");
    JsonObject fifteen = YouthClients.status(http, YouthClients.aged(node.get(), 15));
    assertThat(fifteen.getBoolean("minor")).isTrue();
    assertThat(fifteen.getBoolean("enabled")).isTrue();
    assertThat(fifteen.getString("reason")).isEqualTo("minor");
  }

  @Test
  @DisplayName("A user with no stored birth date is not forced into youth mode (and can still turn it on)")
  void unknownBirthDate() {
    long id = RewardFixtures.user("nobirth-" + UUID.randomUUID().toString().substring(0, 6), false, null, Role.USER);
    User unknown = new User(id, RewardFixtures.token(node.get(), id, Role.USER));
    JsonObject status = YouthClients.status(http, unknown);
    assertThat(status.getBoolean("minor")).isFalse();
    assertThat(status.getBoolean("enabled")).isFalse();
    YouthClients.turnOn(http, unknown, "UTC");
    assertThat(YouthClients.status(http, unknown).getString("reason")).isEqualTo("chosen");
  }
}
