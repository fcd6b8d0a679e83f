package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("accounts.minorAge moves the guardian threshold; under 14 waits whatever it says")
class MinorAgeConfigTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("accounts").put("minorAge", 16))
    .build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("With minorAge 16, a 17-year-old registers active with tokens and a 15-year-old waits for a guardian")
  void threshold() {
    TestHttp.Response seventeen = GuardianConsentTest.register(http, TestUsers.newPhone(), LocalDate.now().minusYears(17));
    assertThat(seventeen.json().getJsonObject("user").getString("status")).isEqualTo("active");
    assertThat(seventeen.json().getString("accessToken")).isNotBlank();
    TestHttp.Response fifteen = GuardianConsentTest.register(http, TestUsers.newPhone(), LocalDate.now().minusYears(15));
    assertThat(fifteen.json().getJsonObject("user").getString("status")).isEqualTo("pending_guardian");
    assertThat(fifteen.json().containsKey("accessToken")).isFalse();
  }
}
