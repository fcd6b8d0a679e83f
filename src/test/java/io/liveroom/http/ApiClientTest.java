package io.liveroom.http;

import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI file against the server it describes: the Maven build generates a TypeScript client
 * from the file (OpenAPI Generator, typescript-fetch) and compiles tools/api/client-check with it;
 * this runs that check with Node.js against a real node. A renamed operation or parameter breaks the
 * compile, and a response field the file promises but the server does not send fails the run.
 */
@DisplayName("A client generated from the OpenAPI file works against a real node")
class ApiClientTest {
  /** Where tsc puts the compiled check (tools/api/tsconfig.json), under the Maven project directory. */
  private static final Path CHECK = Path.of("target/api-client/js/tools/api/client-check/main.js");
  private static final long TIMEOUT_SECONDS = 60;

  private static Node node;
  private static TestHttp http;

  @BeforeAll
  static void boot() {
    assertThat(CHECK).as("compiled by `mvn test-compile` (api-client-check execution)").exists();
    node = TestNodes.start();
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void shutdown() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("It registers with the dev outbox's SMS code, logs in, and lists the live rooms, a host's among them")
  void registersLogsInAndListsLiveRooms() throws Exception {
    TestUser host = TestUsers.register(http);
    TestUsers.markVerifiedAdult(host.id());
    long roomId = liveRoom(host);
    String phone = TestUsers.newPhone();

    JsonObject out = runCheck("http://127.0.0.1:" + node.httpPort(), phone);

    long userId = out.getLong("registeredUserId");
    assertThat(userId).isPositive().isNotEqualTo(host.id());
    assertThat(out.getLong("loggedInUserId")).isEqualTo(userId);
    assertThat(out.getString("policyVersion")).isEqualTo(TestUsers.policyVersion());
    JsonArray rooms = out.getJsonArray("liveRooms");
    assertThat(rooms.stream().map(JsonObject.class::cast).filter(r -> r.getLong("id") == roomId))
      .singleElement()
      .satisfies(r -> {
        assertThat(r.getString("status")).isEqualTo("live");
        assertThat(r.getString("channel")).isEqualTo("room:" + roomId);
      });
    // The account the client made is real: the host can look it up.
    TestHttp.Response profile = http.get("/api/v1/users/" + userId, host.accessToken());
    assertThat(profile.status()).as("public profile: %s", profile).isEqualTo(200);
    assertThat(profile.json().getString("nickname")).isEqualTo("generated client");
  }

  private static long liveRoom(TestUser host) {
    TestHttp.Response created = http.post("/api/v1/rooms",
      new JsonObject().put("title", "Generated client show").put("category", "music"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    return id;
  }

  /** Runs the compiled check with Node.js; asserts it exits 0 and returns the JSON line it printed. */
  private static JsonObject runCheck(String baseUrl, String phone) throws IOException, InterruptedException {
    // Files, not pipes: a full pipe would stall the script while this thread waits for it to exit.
    Path stdout = Files.createTempFile("api-client-check", ".out");
    Path stderr = Files.createTempFile("api-client-check", ".err");
    Process process = new ProcessBuilder("node", CHECK.toString(), baseUrl, phone)
      .redirectOutput(stdout.toFile())
      .redirectError(stderr.toFile())
      .start();
    try {
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String printed = Files.readString(stdout).trim();
      String errors = Files.readString(stderr);
      assertThat(exited).as("the check finished within %d s; stderr: %s", TIMEOUT_SECONDS, errors).isTrue();
      assertThat(process.exitValue()).as("exit code; stdout: %s; stderr: %s", printed, errors).isZero();
      return new JsonObject(printed);
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
