package io.liveroom.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("One-click and email config: off by default, real providers need their settings, stand-ins only by name in production")
class SignInConfigTest {
  private static AppConfig load(Map<String, String> env) {
    return AppConfig.from(ConfigLoader.load(null, env));
  }

  private static Map<String, String> production(String... pairs) {
    Map<String, String> env = ProductionModeTest.production();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  @DisplayName("By default one-click and the email sender are off, and email login is off")
  void offByDefault() {
    AccountsConfig a = load(Map.of()).accounts();
    assertThat(a.oneClick().provider()).isEqualTo("off");
    assertThat(a.email().sender()).isEqualTo("off");
    assertThat(a.email().login()).isFalse();
  }

  @Test
  @DisplayName("The http provider needs its URL, app key and a 16+ character secret; smtp needs a host and a sender address")
  void realProvidersNeedSettings() {
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_ONE_CLICK_PROVIDER", "http",
      "LIVEROOM_ACCOUNTS_ONE_CLICK_HTTP_URL", "https://gw.example.com/x", "LIVEROOM_ACCOUNTS_ONE_CLICK_APP_KEY", "k",
      "LIVEROOM_ACCOUNTS_ONE_CLICK_APP_SECRET", "short")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("LIVEROOM_ACCOUNTS_ONE_CLICK_HTTP_URL");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_EMAIL_SENDER", "smtp")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("accounts.email.smtp.host");
  }

  @Test
  @DisplayName("In production the real providers boot, and the stand-ins boot only when named in allowStandIns, with a warning")
  void productionStandIns() {
    assertThat(load(production("LIVEROOM_ACCOUNTS_ONE_CLICK_PROVIDER", "http",
      "LIVEROOM_ACCOUNTS_ONE_CLICK_HTTP_URL", "https://gw.example.com/exchange", "LIVEROOM_ACCOUNTS_ONE_CLICK_APP_KEY",
      "app-1", "LIVEROOM_ACCOUNTS_ONE_CLICK_APP_SECRET", "carrier-secret-0123456789", "LIVEROOM_ACCOUNTS_EMAIL_SENDER",
      "smtp", "LIVEROOM_ACCOUNTS_EMAIL_SMTP_HOST", "smtp.example.com", "LIVEROOM_ACCOUNTS_EMAIL_FROM",
      "no-reply@example.com")).production()).isTrue();
    Map<String, String> staging = production("LIVEROOM_ACCOUNTS_ONE_CLICK_PROVIDER", "dev-outbox",
      "LIVEROOM_ACCOUNTS_EMAIL_SENDER", "dev-outbox");
    assertThatThrownBy(() -> load(staging)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("accounts.oneClick.provider").hasMessageContaining("accounts.email.sender");
    staging.put("LIVEROOM_ALLOW_STAND_INS", "one-click,email");
    AppConfig allowed = load(staging);
    assertThat(ProductionRules.allowedStandInWarnings(allowed)).anyMatch(w -> w.contains("accounts.oneClick.provider"))
      .anyMatch(w -> w.contains("accounts.email.sender"));
  }
}
