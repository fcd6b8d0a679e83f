package io.liveroom.ai;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI-compatible images endpoints with the simulated stand-in: JSON answers with
 * {@code b64_json} or a signed {@code url}, the streamed form (partial_image events, then
 * completed), edits with a reference picture, and errors in OpenAI's shape.
 */
@DisplayName("POST /v1/images/generations and /v1/images/edits with the simulated provider")
class PaintHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("paint").put("sizes", new JsonArray().add("128x128"))
      .getJsonObject("simulated").put("partialImages", 2).put("stepMs", 50).put("previewSide", 16))
    .build();
  private static final TestHttp http = node.http();

  private static JsonObject request(String prompt) {
    return new JsonObject().put("model", "gpt-image-1").put("prompt", prompt).put("n", 1).put("size", "128x128");
  }

  @Test
  @DisplayName("A JSON answer carries the PNG as b64_json at the requested size, and the picture lands in the gallery")
  void b64() {
    TestUser u = TestUsers.register(http);
    TestHttp.Response r = http.post("/v1/images/generations", request("a quiet lake"), u.accessToken());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    String b64 = r.json().getJsonArray("data").getJsonObject(0).getString("b64_json");
    BufferedImage img = PaintHttp.decode(Base64.getDecoder().decode(b64));
    assertThat(img.getWidth()).isEqualTo(128);
    assertThat(r.json().getLong("created")).isPositive();
    assertThat(http.get("/api/v1/ai/images", u.accessToken()).json().getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("response_format url answers a signed URL that serves the PNG without a bearer token")
  void url() {
    TestUser u = TestUsers.register(http);
    TestHttp.Response r = http.post("/v1/images/generations", request("a quiet lake").put("response_format", "url"),
      u.accessToken());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    String url = r.json().getJsonArray("data").getJsonObject(0).getString("url");
    HttpResponse<byte[]> png = new PaintHttp(node::httpPort).get(url, null);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(PaintHttp.decode(png.body()).getHeight()).isEqualTo(128);
  }

  @Test
  @DisplayName("stream: true answers SSE: image_generation.partial_image events with indexes 0 and 1, then image_generation.completed")
  void streamed() {
    TestUser u = TestUsers.register(http);
    TestHttp.Response r = http.post("/v1/images/generations", request("a stream").put("stream", true), u.accessToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/event-stream");
    List<JsonObject> events = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String block : r.body().split("\n\n")) {
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          names.add(line.substring(7));
        } else if (line.startsWith("data: ")) {
          events.add(new JsonObject(line.substring(6)));
        }
      }
    }
    assertThat(names).containsExactly("image_generation.partial_image", "image_generation.partial_image",
      "image_generation.completed");
    assertThat(events.get(0).getInteger("partial_image_index")).isZero();
    assertThat(events.get(1).getInteger("partial_image_index")).isEqualTo(1);
    assertThat(PaintHttp.decode(Base64.getDecoder().decode(events.get(0).getString("b64_json"))).getWidth()).isEqualTo(16);
    JsonObject done = events.get(2);
    assertThat(done.getString("type")).isEqualTo("image_generation.completed");
    assertThat(PaintHttp.decode(Base64.getDecoder().decode(done.getString("b64_json"))).getWidth()).isEqualTo(128);
  }

  @Test
  @DisplayName("POST /v1/images/edits takes a multipart reference picture; the same prompt with another reference paints differently")
  void edits() {
    TestUser u = TestUsers.register(http);
    PaintHttp bin = new PaintHttp(node::httpPort);
    HttpResponse<byte[]> r = bin.multipart("/v1/images/edits", u.accessToken(), Map.of("prompt", "make it night",
      "size", "128x128"), "image", PatternRenderer.render("reference", null, 40, 30, 1.0));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    JsonObject body = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(PaintHttp.decode(Base64.getDecoder().decode(body.getJsonArray("data").getJsonObject(0)
      .getString("b64_json"))).getWidth()).isEqualTo(128);
    HttpResponse<byte[]> none = bin.multipart("/v1/images/edits", u.accessToken(), Map.of("prompt", "x"), "other",
      new byte[] {1, 2, 3});
    assertThat(none.statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("Errors come in OpenAI's shape: n above 1 and an unsupported size are 400s, no token is 401")
  void errors() {
    TestUser u = TestUsers.register(http);
    TestHttp.Response n = http.post("/v1/images/generations", request("x").put("n", 2), u.accessToken());
    assertThat(n.status()).isEqualTo(400);
    assertThat(n.json().getJsonObject("error")).isNotNull();
    TestHttp.Response size = http.post("/v1/images/generations", request("x").put("size", "999x999"), u.accessToken());
    assertThat(size.status()).isEqualTo(400);
    assertThat(size.json().getJsonObject("error").getString("code")).isEqualTo("ai_image_size_unsupported");
    assertThat(http.post("/v1/images/generations", request("x"), null).status()).isEqualTo(401);
  }
}
