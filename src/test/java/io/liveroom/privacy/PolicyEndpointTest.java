package io.liveroom.privacy;

import io.liveroom.Node;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("GET /api/v1/policy tells anyone the current privacy-policy version, cached with an ETag")
class PolicyEndpointTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("Without a token: the version registration demands, its date, where to read it, what changed")
  void currentPolicyIsPublic() {
    TestHttp.Response r = http.get("/api/v1/policy");
    assertThat(r.status()).as("policy: %s", r).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getString("version")).isEqualTo(TestUsers.policyVersion());
    assertThat(body.getString("effectiveDate")).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(body.getString("url")).startsWith("https://");
    assertThat(body.getJsonArray("changes")).isNotEmpty();
    assertThat(r.header("Cache-Control")).contains("max-age=");

    // The version it names is the one registration accepts.
    TestUsers.TestUser u = TestUsers.register(http);
    assertThat(u.id()).isPositive();
  }

  @Test
  @DisplayName("A strong ETag from the content: If-None-Match with it (or in a list, or weak) gets 304, another tag 200")
  void etagRevalidation() {
    TestHttp.Response first = http.get("/api/v1/policy");
    String etag = first.header("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{43}\"");
    assertThat(http.get("/api/v1/policy").header("ETag")).isEqualTo(etag);
    for (String match : new String[] {etag, "\"other\", " + etag, "W/" + etag, "*"}) {
      TestHttp.Response again = http.send("GET", "/api/v1/policy", null, Map.of("If-None-Match", match));
      assertThat(again.status()).as("If-None-Match: %s", match).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.header("ETag")).isEqualTo(etag);
    }
    assertThat(http.send("GET", "/api/v1/policy", null, Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A deployment's own policy file is served, with the previous version; a current version it lacks stops the boot")
  void operatorPolicyFile() throws Exception {
    Path file = Files.createTempFile("policies", ".json");
    Files.writeString(file, new JsonObject().put("versions", new JsonArray()
      .add(new JsonObject().put("version", "2025-06").put("effectiveDate", "2025-06-01").put("text", "Old policy."))
      .add(new JsonObject().put("version", "2026-03").put("effectiveDate", "2026-03-15").put("text", "New policy text.")
        .put("changes", new JsonArray().add("Location is kept 7 days instead of 30.")))).encode());
    Node own = TestNodes.start(json -> {
      json.getJsonObject("accounts").put("policyVersion", "2026-03");
      json.getJsonObject("privacy").getJsonObject("policy").put("file", file.toString());
    });
    try {
      JsonObject body = new TestHttp(own.httpPort()).get("/api/v1/policy").json();
      assertThat(body.getString("version")).isEqualTo("2026-03");
      assertThat(body.getString("effectiveDate")).isEqualTo("2026-03-15");
      assertThat(body.getString("text")).isEqualTo("New policy text.");
      assertThat(body.getString("previousVersion")).isEqualTo("2025-06");
      assertThat(body.getJsonArray("changes").getString(0)).contains("7 days");
    } finally {
      TestNodes.stop(own);
    }
    assertThatThrownBy(() -> TestNodes.start(json -> {
      json.getJsonObject("accounts").put("policyVersion", "2099-01");
      json.getJsonObject("privacy").getJsonObject("policy").put("file", file.toString());
    })).hasStackTraceContaining("2099-01");
  }
}
