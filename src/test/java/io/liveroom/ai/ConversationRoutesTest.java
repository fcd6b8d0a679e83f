package io.liveroom.ai;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Conversations: create, list, rename, read messages and delete, each user seeing only their own")
class ConversationRoutesTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static String tokenFor(long userId) {
    return node.get().accessTokens().issue(userId, Role.USER, "s1");
  }

  @Test
  @DisplayName("The owner creates, lists, renames, reads and deletes; a stranger gets 404 everywhere")
  void lifecycle() {
    String owner = tokenFor(AiTests.newUser());
    String stranger = tokenFor(AiTests.newUser());
    TestHttp.Response created = http.post("/api/v1/ai/conversations",
      new JsonObject().put("title", "Trip ideas").put("systemPrompt", "You plan trips."), owner);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().getLong("id");
    assertThat(created.json().getString("systemPrompt")).isEqualTo("You plan trips.");
    String path = "/api/v1/ai/conversations/" + id;

    assertThat(http.get("/api/v1/ai/conversations", owner).json().getJsonArray("items").getJsonObject(0).getLong("id"))
      .isEqualTo(id);
    assertThat(http.get("/api/v1/ai/conversations", stranger).json().getJsonArray("items")).isEmpty();
    assertThat(http.get(path, stranger).status()).isEqualTo(404);
    assertThat(http.get(path, stranger).json().getString("code")).isEqualTo("ai_conversation_not_found");

    TestHttp.Response renamed = http.send("PATCH", path, new JsonObject().put("title", "Japan").encode(),
      Map.of("Authorization", "Bearer " + owner));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().getString("title")).isEqualTo("Japan");
    assertThat(renamed.json().getString("systemPrompt")).isEqualTo("You plan trips.");
    assertThat(http.send("PATCH", path, new JsonObject().put("title", "x").encode(),
      Map.of("Authorization", "Bearer " + stranger)).status()).isEqualTo(404);

    assertThat(http.get(path + "/messages", owner).json().getJsonArray("items")).isEmpty();
    assertThat(http.send("DELETE", path, null, Map.of("Authorization", "Bearer " + stranger)).status()).isEqualTo(404);
    assertThat(http.send("DELETE", path, null, Map.of("Authorization", "Bearer " + owner)).status()).isEqualTo(204);
    assertThat(http.get(path, owner).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Bad fields are 400 with field errors; no token is 401")
  void validation() {
    String owner = tokenFor(AiTests.newUser());
    TestHttp.Response bad = http.post("/api/v1/ai/conversations", new JsonObject().put("title", 42), owner);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("title");
    long id = http.post("/api/v1/ai/conversations", new JsonObject(), owner).json().getLong("id");
    TestHttp.Response blank = http.send("PATCH", "/api/v1/ai/conversations/" + id,
      new JsonObject().put("title", " ").encode(), Map.of("Authorization", "Bearer " + owner));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(http.get("/api/v1/ai/conversations").status()).isEqualTo(401);
  }
}
