package io.liveroom.ops;

import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.liveroom.config.EnvNames;
import io.liveroom.config.ProductionRules;
import io.liveroom.http.OpsRoutes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so these checks keep Dockerfile, docker-compose.yml and the nginx
 * config honest against the code: every LIVEROOM_* variable they set is a real config key, and the
 * ports, paths and health endpoint they use are the ones the server has.
 */
@DisplayName("Dockerfile, docker-compose.yml and nginx.conf match the code's config keys, ports and paths")
class DeploymentFilesTest {
  /** Env vars read outside the config tree (by logback.xml), documented in the README. */
  private static final Set<String> LOGGING_VARS = Set.of("LIVEROOM_LOG_LEVEL", "LIVEROOM_ACCESS_LOG_LEVEL");
  private static final Pattern ENV_VAR = Pattern.compile("\\b(LIVEROOM_[A-Z0-9_]+)\\b");

  private static String read(String file) throws IOException {
    return Files.readString(Path.of(file));
  }

  private static Set<String> envVarsIn(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = ENV_VAR.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  @DisplayName("Every LIVEROOM_* variable in the Docker files is a config key (or a logging variable)")
  void envVarsAreConfigKeys() throws IOException {
    Map<String, String> known = ConfigLoader.envNames();
    Set<String> used = envVarsIn(read("Dockerfile") + read("docker-compose.yml"));
    assertThat(used).isNotEmpty();
    for (String var : used) {
      assertThat(known.containsKey(var) || LOGGING_VARS.contains(var))
        .as("%s is set in the Docker files but is no config key", var).isTrue();
    }
  }

  @Test
  @DisplayName("Both compose nodes get the shared settings a multi-node deployment needs")
  void composeNodesShareSecretAndServers() throws IOException {
    String compose = read("docker-compose.yml");
    assertThat(compose).contains("LIVEROOM_PG_URL:", "LIVEROOM_REDIS_URL:", "LIVEROOM_AUTH_JWT_SECRET:");
    assertThat(compose).contains("node1:", "node2:", "<<: *node");
  }

  @Test
  @DisplayName("Ports line up: server default, Dockerfile EXPOSE and HEALTHCHECK, compose, nginx upstream")
  void portsMatch() throws IOException {
    int port = ConfigLoader.readDefaults().getJsonObject("http").getInteger("port");
    String dockerfile = read("Dockerfile");
    assertThat(dockerfile).contains("EXPOSE " + port).contains("127.0.0.1:" + port + "/health/ready");
    assertThat(read("docker-compose.yml")).contains("LIVEROOM_HTTP_PORT: \"" + port + "\"");
    String nginx = read("conf/nginx.conf");
    assertThat(nginx).contains("server node1:" + port).contains("server node2:" + port);
  }

  @Test
  @DisplayName("The health, WebSocket and jar paths the ops files use exist in the build and the code")
  void pathsMatch() throws IOException {
    assertThat(read("Dockerfile")).contains("target/liveroom.jar").contains("/health/ready");
    assertThat(read("pom.xml")).contains("<finalName>liveroom</finalName>");
    assertThat(read("conf/nginx.conf")).contains("location /connection/websocket");
    for (String copied : new String[] {"pom.xml", "conf", "src"}) {
      assertThat(Path.of(copied)).exists();
    }
    assertThat(OpsRoutes.OPENAPI_PATH).startsWith("/api/v1/");
  }

  /**
   * A value for every variable compose reads from the operator's environment, so the test can
   * build the environment a node really gets. A new {@code ${VAR:?}} in compose needs one here.
   */
  private static final Map<String, String> OPERATOR_ENV = Map.ofEntries(
    Map.entry("POSTGRES_PASSWORD", "pg-password"),
    Map.entry("LIVEROOM_AUTH_JWT_SECRET", "a-shared-secret-of-at-least-32-bytes-long-0123"),
    Map.entry("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32])),
    Map.entry("LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k1"),
    Map.entry("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", Base64.getEncoder().encodeToString(new byte[32])),
    Map.entry("LIVEROOM_ACCOUNTS_SMS_HTTP_URL", "https://sms.example.com/send"),
    Map.entry("LIVEROOM_ACCOUNTS_SMS_HTTP_SECRET", "sms-gateway-secret-0123"),
    Map.entry("LIVEROOM_ACCOUNTS_IDENTITY_HTTP_URL", "https://ekyc.example.com/verify"),
    Map.entry("LIVEROOM_ACCOUNTS_IDENTITY_HTTP_SECRET", "ekyc-provider-secret-0123"),
    Map.entry("LIVEROOM_AI_OPENAI_BASE_URLS", "https://api.example.com/v1"),
    Map.entry("LIVEROOM_AI_OPENAI_MODELS", "assistant=gpt-4o-mini"),
    Map.entry("LIVEROOM_AI_OPENAI_API_KEY", "sk-test"),
    Map.entry("LIVEROOM_AI_PAINT_OPENAI_BASE_URLS", "https://images.example.com/v1"),
    Map.entry("LIVEROOM_ROOMS_MEDIA_WEBHOOK_TOKEN", "media-webhook-token-0123"),
    Map.entry("LIVEROOM_PRIVACY_POLICY_FILE", "/app/policy/policies.json"),
    Map.entry("LIVEROOM_MEDIA_MODERATION_URL", "https://moderation.example.com/v1/images"));
  private static final Pattern COMPOSE_ENV = Pattern.compile("(?m)^\\s+(LIVEROOM_[A-Z0-9_]+):\\s*(.*?)\\s*$");
  private static final Pattern DOCKERFILE_ENV = Pattern.compile("(LIVEROOM_[A-Z0-9_]+)=(\\S+)");
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([?-])([^}]*))?}");

  /** The environment a compose node runs with: the image's ENV, then compose's, operator values substituted. */
  private static Map<String, String> nodeEnvironment() throws IOException {
    Map<String, String> env = new HashMap<>();
    Matcher image = DOCKERFILE_ENV.matcher(read("Dockerfile"));
    while (image.find()) {
      env.put(image.group(1), image.group(2));
    }
    Matcher compose = COMPOSE_ENV.matcher(read("docker-compose.yml"));
    while (compose.find()) {
      env.put(compose.group(1), substitute(compose.group(2).replaceAll("^\"|\"$", "")));
    }
    return env;
  }

  private static String substitute(String value) {
    Matcher m = SUBSTITUTION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String operator = OPERATOR_ENV.get(m.group(1));
      if (operator == null && !"-".equals(m.group(2))) {
        throw new AssertionError("docker-compose.yml reads " + m.group(1) + ": give it a value in OPERATOR_ENV");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(operator != null ? operator : m.group(3)));
    }
    return m.appendTail(out).toString();
  }

  @Test
  @DisplayName("Compose runs production mode and takes every production secret from the environment, failing fast (:?)")
  void composePassesEverySecret() throws IOException {
    String compose = read("docker-compose.yml");
    assertThat(compose).contains("LIVEROOM_MODE: production");
    for (String key : ProductionRules.REQUIRED_SECRETS) {
      String var = EnvNames.of(key);
      assertThat(compose).as("compose must pass %s (%s) from the environment with :?", key, var)
        .contains(var + ": ${" + var + ":?");
    }
  }

  @Test
  @DisplayName("A compose node's environment, with the operator's secrets filled in, passes production mode's checks")
  void composeEnvironmentBootsInProduction() throws IOException {
    Map<String, String> env = nodeEnvironment();
    assertThat(env).containsEntry("LIVEROOM_MODE", "production");
    AppConfig config = AppConfig.from(ConfigLoader.load(null, env));
    assertThat(config.production()).isTrue();
    assertThat(config.allowStandIns()).isEmpty();
    assertThat(config.management().enabled()).isTrue();
  }

  @Test
  @DisplayName("nginx answers /metrics itself with 404 and never proxies the management port")
  void nginxBlocksMetrics() throws IOException {
    String nginx = read("conf/nginx.conf");
    assertThat(nginx).containsPattern("location \\^~ /metrics \\{\\s*return 404;\\s*}");
    int managementPort = ConfigLoader.readDefaults().getJsonObject("management").getInteger("port");
    assertThat(nginx).doesNotContain(":" + managementPort);
  }

  @Test
  @DisplayName("The README documents every config key's env var")
  void readmeListsEveryEnvVar() throws IOException {
    String readme = read("README.md");
    JsonObject defaults = ConfigLoader.readDefaults();
    assertThat(defaults.isEmpty()).isFalse();
    for (String var : ConfigLoader.envNames().keySet()) {
      assertThat(readme).as("README.md config table lacks %s", var).contains(var);
    }
  }
}
