package io.liveroom.ops;

import io.liveroom.config.ConfigLoader;
import io.liveroom.http.OpsRoutes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
