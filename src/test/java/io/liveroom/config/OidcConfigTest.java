package io.liveroom.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The OIDC provider list: read from one env var, validated, and held to production's rules")
class OidcConfigTest {
  private static final String GOOGLE = "[{\"id\":\"google\",\"issuer\":\"https://accounts.google.com/\","
    + "\"clientId\":\"web.apps\",\"clientSecret\":\"s\",\"scopes\":[\"openid\",\"email\"]}]";

  private static AppConfig load(Map<String, String> env) {
    return AppConfig.from(ConfigLoader.load(null, env));
  }

  @Test
  @DisplayName("LIVEROOM_OIDC_PROVIDERS holds the list as JSON; audiences default to the client id, the issuer loses its trailing slash")
  void providersFromEnv() {
    OidcConfig oidc = load(Map.of("LIVEROOM_OIDC_PROVIDERS", GOOGLE)).oidc();
    assertThat(oidc.providers()).hasSize(1);
    OidcConfig.Provider google = oidc.provider("google");
    assertThat(google.issuer()).isEqualTo("https://accounts.google.com");
    assertThat(google.audiences()).containsExactly("web.apps");
    assertThat(google.scopes()).containsExactly("openid", "email");
  }

  @Test
  @DisplayName("A provider without the openid scope, or named twice, is refused at boot")
  void invalidProvidersRefused() {
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_OIDC_PROVIDERS", GOOGLE.replace("\"openid\",", ""))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("openid");
    String twice = "[" + GOOGLE.substring(1, GOOGLE.length() - 1) + "," + GOOGLE.substring(1);
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_OIDC_PROVIDERS", twice)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
  }

  @Test
  @DisplayName("A provider's button name defaults to its id capitalized; the API's own path words cannot be ids")
  void namesAndReservedIds() {
    assertThat(load(Map.of("LIVEROOM_OIDC_PROVIDERS", GOOGLE)).oidc().provider("google").name()).isEqualTo("Google");
    String named = GOOGLE.replace("\"id\":\"google\"", "\"id\":\"corp\",\"name\":\"Example Corp\"");
    assertThat(load(Map.of("LIVEROOM_OIDC_PROVIDERS", named)).oidc().provider("corp").name()).isEqualTo("Example Corp");
    for (String reserved : new String[] {"providers", "exchange"}) {
      assertThatThrownBy(() -> load(Map.of("LIVEROOM_OIDC_PROVIDERS", GOOGLE.replace("\"google\"", "\"" + reserved + "\""))))
        .isInstanceOf(ConfigException.class).hasMessageContaining(reserved);
    }
  }

  @Test
  @DisplayName("Production refuses a plain-HTTP issuer and a missing callbackBaseUrl, and accepts https with one")
  void productionRules() {
    Map<String, String> env = ProductionModeTest.production();
    env.put("LIVEROOM_OIDC_PROVIDERS", GOOGLE.replace("https://accounts", "http://accounts"));
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("plain-HTTP issuer").hasMessageContaining("LIVEROOM_OIDC_CALLBACK_BASE_URL");
    env.put("LIVEROOM_OIDC_PROVIDERS", GOOGLE);
    env.put("LIVEROOM_OIDC_CALLBACK_BASE_URL", "https://live.example.com");
    assertThatCode(() -> load(env)).doesNotThrowAnyException();
  }
}
