package io.liveroom.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Production mode refuses stand-ins, generated keys and embedded servers unless stand-ins are named")
class ProductionModeTest {
  private static final String AES_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String INDEX_KEY = Base64.getEncoder().encodeToString(
    "another-32-byte-key-for-indexes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private static AppConfig load(Map<String, String> env) {
    return AppConfig.from(ConfigLoader.load(null, env));
  }

  /** Everything a production deployment with real providers sets; each test takes one thing away. */
  static Map<String, String> production() {
    Map<String, String> env = new HashMap<>();
    env.put("LIVEROOM_MODE", "production");
    env.put("LIVEROOM_PG_URL", "postgresql://liveroom:pw@postgres:5432/liveroom");
    env.put("LIVEROOM_REDIS_URL", "redis://redis:6379");
    env.put("LIVEROOM_AUTH_JWT_SECRET", "a-shared-secret-of-at-least-32-bytes-long-0123");
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:" + AES_KEY);
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k1");
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", INDEX_KEY);
    env.put("LIVEROOM_ACCOUNTS_SMS_SENDER", "http");
    env.put("LIVEROOM_ACCOUNTS_SMS_HTTP_URL", "https://sms.example.com/send");
    env.put("LIVEROOM_ACCOUNTS_SMS_HTTP_SECRET", "sms-gateway-secret-0123");
    env.put("LIVEROOM_ACCOUNTS_IDENTITY_PROVIDER", "http");
    env.put("LIVEROOM_ACCOUNTS_IDENTITY_HTTP_URL", "https://ekyc.example.com/verify");
    env.put("LIVEROOM_ACCOUNTS_IDENTITY_HTTP_SECRET", "ekyc-provider-secret-0123");
    env.put("LIVEROOM_AI_PROVIDER", "openai");
    env.put("LIVEROOM_AI_OPENAI_BASE_URLS", "https://api.example.com/v1");
    env.put("LIVEROOM_AI_OPENAI_MODELS", "assistant=gpt-4o-mini");
    env.put("LIVEROOM_AI_OPENAI_API_KEY", "sk-test");
    env.put("LIVEROOM_AI_PAINT_PROVIDER", "openai");
    env.put("LIVEROOM_AI_PAINT_OPENAI_BASE_URLS", "https://api.example.com/v1");
    env.put("LIVEROOM_ROOMS_MEDIA_WEBHOOK_TOKEN", "media-webhook-token-0123");
    env.put("LIVEROOM_MANAGEMENT_ENABLED", "true");
    env.put("LIVEROOM_PRIVACY_POLICY_FILE", "/etc/liveroom/policies.json");
    env.put("LIVEROOM_MEDIA_STORAGE_DIR", "/mnt/shared/media");
    env.put("LIVEROOM_MEDIA_MODERATION_PROVIDER", "http");
    env.put("LIVEROOM_MEDIA_MODERATION_URL", "https://moderation.example.com/v1/images");
    env.put("LIVEROOM_PUSH_PROVIDER", "fcm");
    env.put("LIVEROOM_PUSH_FCM_PROJECT_ID", "liveroom-prod");
    env.put("LIVEROOM_PUSH_FCM_CREDENTIALS_FILE", "/etc/liveroom/fcm-service-account.json");
    return env;
  }

  private static Map<String, String> without(String var) {
    Map<String, String> env = production();
    env.remove(var);
    return env;
  }

  private static Map<String, String> with(String var, String value) {
    Map<String, String> env = production();
    env.put(var, value);
    return env;
  }

  @Test
  @DisplayName("The bundled defaults are dev mode: stand-ins, generated keys and embedded servers boot")
  void defaultsAreDev() {
    assertThatCode(() -> load(Map.of())).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("A production config with real providers, shared keys and external servers boots")
  void completeProductionBoots() {
    assertThatCode(() -> load(production())).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}={1} is refused, naming {2}")
  @DisplayName("Each stand-in and each generated key is refused in production, naming the key and its env var")
  @CsvSource({
    "LIVEROOM_ACCOUNTS_SMS_SENDER, dev-outbox, accounts.sms.sender",
    "LIVEROOM_ACCOUNTS_IDENTITY_PROVIDER, local, accounts.identity.provider",
    "LIVEROOM_AI_PROVIDER, simulated, ai.provider",
    "LIVEROOM_REALTIME_BENCHMARK_NAMESPACE, true, realtime.benchmarkNamespace",
    "LIVEROOM_REALTIME_BROKER, memory, realtime.broker",
    "LIVEROOM_MANAGEMENT_ENABLED, false, management.enabled",
    "LIVEROOM_ACCOUNTS_ONE_CLICK_PROVIDER, dev-outbox, accounts.oneClick.provider",
    "LIVEROOM_ACCOUNTS_EMAIL_SENDER, dev-outbox, accounts.email.sender",
    "LIVEROOM_MEDIA_MODERATION_PROVIDER, none, media.moderation.provider",
    "LIVEROOM_PUSH_PROVIDER, dev-outbox, push.provider",
  })
  void standInRefused(String var, String value, String key) {
    assertThatThrownBy(() -> load(with(var, value))).isInstanceOf(ConfigException.class)
      .hasMessageContaining(key).hasMessageContaining(EnvNames.of(key)).hasMessageContaining("LIVEROOM_MODE");
  }

  @ParameterizedTest(name = "without {0}: {1} is refused")
  @DisplayName("A missing secret or server URL is refused in production, naming the key and its env var")
  @CsvSource({
    "LIVEROOM_AUTH_JWT_SECRET, auth.jwtSecret",
    "LIVEROOM_PG_URL, pg.url",
    "LIVEROOM_REDIS_URL, redis.url",
    "LIVEROOM_ROOMS_MEDIA_WEBHOOK_TOKEN, rooms.media.webhookToken",
    "LIVEROOM_PRIVACY_POLICY_FILE, privacy.policy.file",
    "LIVEROOM_MEDIA_STORAGE_DIR, media.storage.dir",
  })
  void missingSecretRefused(String var, String key) {
    assertThatThrownBy(() -> load(without(var))).isInstanceOf(ConfigException.class)
      .hasMessageContaining(key).hasMessageContaining(EnvNames.of(key));
  }

  @Test
  @DisplayName("Generated personal-data keys are refused in production: every key of accounts.crypto is named")
  void generatedCryptoKeysRefused() {
    Map<String, String> env = production();
    env.remove("LIVEROOM_ACCOUNTS_CRYPTO_KEYS");
    env.remove("LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID");
    env.remove("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY");
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("LIVEROOM_ACCOUNTS_CRYPTO_KEYS")
      .hasMessageContaining("LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID")
      .hasMessageContaining("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY");
  }

  @Test
  @DisplayName("The bundled defaults in production mode fail once, with one message listing every offending key")
  void everyProblemInOneMessage() {
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_MODE", "production")))
      .isInstanceOf(ConfigException.class)
      .satisfies(e -> {
        for (String key : List.of("pg.url", "redis.url", "auth.jwtSecret", "accounts.crypto.keys",
          "accounts.crypto.indexKey", "accounts.sms.sender", "accounts.identity.provider", "ai.provider",
          "management.enabled", "rooms.media.webhookToken")) {
          assertThat(e.getMessage()).contains(key + " (env " + EnvNames.of(key) + ")");
        }
        assertThat(e.getMessage()).contains("LIVEROOM_ALLOW_STAND_INS");
      });
  }

  @Test
  @DisplayName("Stand-ins named in allowStandIns let a staging deployment through; unnamed ones are still refused")
  void standInsAllowedByName() {
    Map<String, String> staging = production();
    staging.put("LIVEROOM_ACCOUNTS_SMS_SENDER", "dev-outbox");
    staging.put("LIVEROOM_ACCOUNTS_IDENTITY_PROVIDER", "local");
    staging.put("LIVEROOM_AI_PROVIDER", "simulated");
    staging.put("LIVEROOM_ALLOW_STAND_INS", "sms,identity,ai");
    assertThatCode(() -> load(staging)).doesNotThrowAnyException();

    staging.put("LIVEROOM_ALLOW_STAND_INS", "sms,identity");
    assertThatThrownBy(() -> load(staging)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("ai.provider").hasMessageNotContaining("accounts.sms.sender")
      .hasMessageNotContaining("accounts.identity.provider");
  }

  @Test
  @DisplayName("allowStandIns never covers a generated key or an embedded server")
  void keysCannotBeAllowed() {
    Map<String, String> env = without("LIVEROOM_AUTH_JWT_SECRET");
    env.remove("LIVEROOM_PG_URL");
    env.put("LIVEROOM_ALLOW_STAND_INS", "sms,identity,ai");
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("auth.jwtSecret").hasMessageContaining("pg.url");
  }

  @Test
  @DisplayName("An unknown stand-in name or mode is a config error, not silently ignored")
  void unknownNamesRefused() {
    assertThatThrownBy(() -> load(with("LIVEROOM_ALLOW_STAND_INS", "sms,payments")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("allowStandIns").hasMessageContaining("payments");
    assertThatThrownBy(() -> load(Map.of("LIVEROOM_MODE", "prod")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("LIVEROOM_MODE");
  }
}
