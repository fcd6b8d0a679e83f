package io.liveroom.ai;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock {@code openai} npm client, unchanged (tools/openai-check, installed by the build with
 * {@code npm ci}), against a real node with the simulated painter: {@code images.generate} as JSON
 * and streamed, {@code images.edit} with a reference picture, and an error it raises properly.
 */
@DisplayName("The stock openai npm client paints through a node")
class OpenAiClientTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("paint").put("sizes", new JsonArray().add("256x256"))
      .getJsonObject("simulated").put("partialImages", 2).put("stepMs", 50))
    .build();

  @Test
  @DisplayName("images.generate (JSON and stream: true with partial images) and images.edit work unchanged")
  void stockClient() throws Exception {
    String token = TestUsers.register(node.http()).accessToken();
    Path log = Files.createTempFile("openai-check", ".log");
    ProcessBuilder pb = new ProcessBuilder("node", "check.mjs").directory(Path.of("tools/openai-check").toFile())
      .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LIVEROOM_BASE_URL", "http://127.0.0.1:" + node.httpPort() + "/v1");
    pb.environment().put("LIVEROOM_TOKEN", token);
    Process process = pb.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the check finished").isTrue();
    List<String> lines = Files.readAllLines(log);
    assertThat(process.exitValue()).as("exit; output:%n%s", String.join("\n", lines)).isZero();
    JsonObject out = new JsonObject(lines.get(lines.size() - 1));
    assertThat(out.getBoolean("generatePng")).isTrue();
    assertThat(out.getJsonArray("streamEvents").getList()).containsExactly("image_generation.partial_image",
      "image_generation.partial_image", "image_generation.completed");
    assertThat(out.getBoolean("streamPng")).isTrue();
    assertThat(out.getBoolean("editPng")).isTrue();
    assertThat(out.getString("badSize")).isEqualTo("400 ai_image_size_unsupported");
  }
}
