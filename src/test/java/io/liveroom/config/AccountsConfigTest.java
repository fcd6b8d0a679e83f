package io.liveroom.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Accounts config: stand-in defaults, and real providers and keys validated at boot")
class AccountsConfigTest {
  private static AppConfig load(Map<String, String> env) {
    return AppConfig.from(ConfigLoader.load(null, env));
  }

  @Test
  @DisplayName("The defaults are the dev-outbox sender, the local provider and generated keys")
  void defaults() {
    AccountsConfig a = load(Map.of()).accounts();
    assertThat(a.sms().sender()).isEqualTo("dev-outbox");
    assertThat(a.sms().codeTtlSeconds()).isEqualTo(600);
    assertThat(a.sms().maxAttempts()).isEqualTo(5);
    assertThat(a.identity().provider()).isEqualTo("local");
    assertThat(a.crypto().generated()).isTrue();
  }

  @Test
  @DisplayName("The minor age defaults to 18, can be set by env, and can never go below the legal 14")
  void minorAge() {
    assertThat(load(Map.of()).accounts().minorAge()).isEqualTo(18);
    assertThat(load(Map.of("LIVEROOM_ACCOUNTS_MINOR_AGE", "16")).accounts().minorAge()).isEqualTo(16);
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_MINOR_AGE", "13")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("accounts.minorAge");
  }

  @Test
  @DisplayName("The http sender needs a URL and a secret; a code may not live longer than 10 minutes")
  void httpSenderNeedsUrl() {
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_SMS_SENDER", "http")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("accounts.sms.httpUrl");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_SMS_CODE_TTL_SECONDS", "601")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("accounts.sms.codeTtlSeconds");
  }

  @Test
  @DisplayName("Configured keys must be 32-byte base64, with an active key among them and an index key")
  void keys() {
    String k = Base64.getEncoder().encodeToString(new byte[32]);
    AccountsConfig a = load(Map.of("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:" + k + ",k2:" + k,
      "LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k2", "LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", k)).accounts();
    assertThat(a.crypto().keys()).containsOnlyKeys("k1", "k2");
    assertThat(a.crypto().activeKeyId()).isEqualTo("k2");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:" + k,
      "LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k9", "LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", k)))
      .hasMessageContaining("accounts.crypto.activeKeyId");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:c2hvcnQ=",
      "LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k1", "LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", k)))
      .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", k)))
      .hasMessageContaining("accounts.crypto.keys");
  }
}
