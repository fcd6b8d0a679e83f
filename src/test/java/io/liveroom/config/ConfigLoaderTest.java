package io.liveroom.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Configuration loads in layers and fails fast naming the bad key")
class ConfigLoaderTest {

  @Test
  @DisplayName("Env var names follow one rule: LIVEROOM_ + upper snake case of the dotted key")
  void envNameRule() {
    assertThat(EnvNames.of("pg.url")).isEqualTo("LIVEROOM_PG_URL");
    assertThat(EnvNames.of("pg.embedded.dataDir")).isEqualTo("LIVEROOM_PG_EMBEDDED_DATA_DIR");
    assertThat(EnvNames.of("http.corsOrigins")).isEqualTo("LIVEROOM_HTTP_CORS_ORIGINS");
  }

  @Test
  @DisplayName("Every config key maps to a distinct env var")
  void envNamesAreDistinct() {
    Map<String, String> names = ConfigLoader.envNames();
    assertThat(names).containsEntry("LIVEROOM_HTTP_PORT", "http.port");
    assertThat(names.values()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("Env vars override the file, parsed to the default's type")
  void envOverrides() {
    JsonObject json = ConfigLoader.load(null, Map.of(
      "LIVEROOM_HTTP_PORT", "9090",
      "LIVEROOM_HTTP_CORS_ORIGINS", "https://a.example.com, https://b.example.com",
      "LIVEROOM_HTTP_HSTS", "true",
      "LIVEROOM_PG_URL", "postgresql://u:p@db:5432/live"));
    AppConfig config = AppConfig.from(json);
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().corsOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
    assertThat(config.http().hsts()).isTrue();
    assertThat(config.pg().embedded()).isFalse();
    assertThat(config.pg().url()).isEqualTo("postgresql://u:p@db:5432/live");
  }

  @Test
  @DisplayName("A config file layers over the defaults, and env wins over the file")
  void fileThenEnv(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"http\":{\"port\":7000,\"instances\":3}}");
    AppConfig config = AppConfig.from(ConfigLoader.load(file, Map.of("LIVEROOM_HTTP_PORT", "7001")));
    assertThat(config.http().port()).isEqualTo(7001);
    assertThat(config.http().instances()).isEqualTo(3);
  }

  @Test
  @DisplayName("An unknown key in a file is refused, naming it")
  void unknownKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"http\":{\"prot\":7000}}");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
      .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
  }

  @Test
  @DisplayName("A bad value fails validation with the key and its env var in the message")
  void badValueNamesKey() {
    assertThatThrownBy(() -> AppConfig.from(ConfigLoader.load(null, Map.of("LIVEROOM_HTTP_PORT", "70000"))))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("http.port").hasMessageContaining("LIVEROOM_HTTP_PORT");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LIVEROOM_HTTP_PORT", "eighty")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("LIVEROOM_HTTP_PORT");
    assertThatThrownBy(() -> AppConfig.from(ConfigLoader.load(null, Map.of("LIVEROOM_PG_URL", "mysql://x"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("pg.url");
    assertThatThrownBy(() -> AppConfig.from(ConfigLoader.load(null, Map.of("LIVEROOM_HTTP_CORS_ORIGINS", "*"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("http.corsOrigins");
  }

  @Test
  @DisplayName("The PostgreSQL pool must wait longer for a connection than a connect may take")
  void pgTimeouts() {
    AppConfig defaults = AppConfig.from(ConfigLoader.load(null, Map.of()));
    assertThat(defaults.pg().acquireTimeoutMillis()).isGreaterThan(defaults.pg().connectTimeoutMillis());
    assertThatThrownBy(() -> AppConfig.from(ConfigLoader.load(null, Map.of("LIVEROOM_PG_CONNECT_TIMEOUT_MILLIS", "3000",
      "LIVEROOM_PG_ACQUIRE_TIMEOUT_MILLIS", "3000"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("pg.acquireTimeoutMillis");
  }
}
