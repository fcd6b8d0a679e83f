package io.liveroom.ops;

import io.liveroom.support.Await;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an operator runs it: its own process on the embedded default. It becomes ready,
 * exits 0 on SIGTERM leaving no PostgreSQL or Redis behind, and a second start reuses the data.
 */
@DisplayName("The server process on the embedded default")
class MainProcessTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @DisplayName("becomes ready, exits 0 on SIGTERM without orphans, and keeps its data across restarts")
  void lifecycle(@TempDir Path dir) throws Exception {
    int httpPort = freePort();
    int pgPort = freePort();
    int redisPort = freePort();
    Path pgData = dir.resolve("pg");

    Process first = start(dir, pgData, httpPort, pgPort, redisPort);
    awaitReady(first, httpPort);
    try (Connection c = jdbc(pgPort); Statement st = c.createStatement()) {
      st.execute("INSERT INTO audit_log (action, detail) VALUES ('restart-probe', '{}')");
    }
    stopAndCheck(first, pgData, redisPort);

    Process second = start(dir, pgData, httpPort, pgPort, redisPort);
    awaitReady(second, httpPort);
    try (Connection c = jdbc(pgPort); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'restart-probe'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("row written before the restart").isEqualTo(1);
    }
    stopAndCheck(second, pgData, redisPort);
  }

  private Process start(Path dir, Path pgData, int httpPort, int pgPort, int redisPort) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
      "io.liveroom.Main");
    pb.environment().put("LIVEROOM_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().put("LIVEROOM_HTTP_INSTANCES", "1");
    pb.environment().put("LIVEROOM_PG_EMBEDDED_DATA_DIR", pgData.toString());
    pb.environment().put("LIVEROOM_PG_EMBEDDED_PORT", Integer.toString(pgPort));
    pb.environment().put("LIVEROOM_REDIS_EMBEDDED_PORT", Integer.toString(redisPort));
    pb.environment().put("LIVEROOM_DATA_DIR", dir.resolve("data").toString());
    pb.environment().put("LIVEROOM_ACCESS_LOG_LEVEL", "WARN");
    pb.environment().remove("LIVEROOM_PG_URL");
    pb.environment().remove("LIVEROOM_REDIS_URL");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    pb.directory(dir.toFile());
    return pb.start();
  }

  private void awaitReady(Process process, int port) throws Exception {
    boolean ready = Await.within(90_000, 250, () -> {
      assertThat(process.isAlive()).as("server process exited early").isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
      } catch (IOException notYet) {
        return false; // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
    if (!ready) {
      throw new AssertionError("server never became ready");
    }
  }

  private void stopAndCheck(Process process, Path pgData, int redisPort) throws Exception {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
    assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(0);
    for (ProcessHandle child : children) {
      child.onExit().get(10, TimeUnit.SECONDS);
      assertThat(child.isAlive()).as("child %s still running", child.info().command().orElse("?")).isFalse();
    }
    boolean postgresLeft = ProcessHandle.allProcesses()
      .anyMatch(p -> p.info().commandLine().orElse("").contains(pgData.toString()));
    assertThat(postgresLeft).as("a postgres process still uses " + pgData).isFalse();
    assertThat(listening(redisPort)).as("redis still listening on " + redisPort).isFalse();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Connection jdbc(int pgPort) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
