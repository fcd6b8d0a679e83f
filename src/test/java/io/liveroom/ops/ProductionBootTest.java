package io.liveroom.ops;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process, as the Dockerfile starts it with nothing else configured: production mode
 * must stop before it starts anything (no embedded server, no key file), exit 2, and tell the
 * operator every key to set.
 */
@DisplayName("The server process in production mode with the bundled defaults refuses to start and names every key")
class ProductionBootTest {
  @Test
  @DisplayName("Exit code 2, one message listing each key and env var, and nothing written to data.dir")
  void refusesToStart(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
      "io.liveroom.Main");
    pb.environment().keySet().removeIf(name -> name.startsWith("LIVEROOM_"));
    pb.environment().put("LIVEROOM_MODE", "production");
    pb.environment().put("LIVEROOM_DATA_DIR", dir.resolve("data").toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    pb.directory(dir.toFile());
    Process process = pb.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      // It got past the checks: stop whatever it started (embedded PostgreSQL is a child process).
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String log = Files.readString(dir.resolve("server.log"));
    assertThat(exited).as("process exited by itself; log:%n%s", log).isTrue();
    assertThat(process.exitValue()).as(log).isEqualTo(2);
    for (String var : List.of("LIVEROOM_PG_URL", "LIVEROOM_REDIS_URL", "LIVEROOM_AUTH_JWT_SECRET",
      "LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", "LIVEROOM_ACCOUNTS_SMS_SENDER",
      "LIVEROOM_ACCOUNTS_IDENTITY_PROVIDER", "LIVEROOM_AI_PROVIDER", "LIVEROOM_MANAGEMENT_ENABLED",
      "LIVEROOM_ROOMS_MEDIA_WEBHOOK_TOKEN", "LIVEROOM_ALLOW_STAND_INS")) {
      assertThat(log).contains(var);
    }
    assertThat(dir.resolve("data")).as("no key was generated").doesNotExist();
    assertThat(dir.resolve("data/pg")).doesNotExist();
  }
}
