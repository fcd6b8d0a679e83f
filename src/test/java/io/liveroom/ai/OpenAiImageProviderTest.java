package io.liveroom.ai;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code openai} image provider against two real local upstreams (the first one failing):
 * failover before the first byte, streamed partial images relayed as previews, cancellation
 * reaching the upstream as a closed connection within a second, and edits sent as multipart.
 */
@DisplayName("The openai image provider against local OpenAI-compatible upstreams")
class OpenAiImageProviderTest {
  private static final FakeImageUpstream first = start();
  private static final FakeImageUpstream second = start();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("paint").put("provider", "openai")
      .put("sizes", new JsonArray().add("1024x1024")).getJsonObject("openai")
      .put("baseUrls", new JsonArray().add(first.baseUrl()).add(second.baseUrl())).put("firstByteTimeoutMs", 3000))
    .build();
  private static final TestHttp http = node.http();

  private static FakeImageUpstream start() {
    try {
      return new FakeImageUpstream();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    first.close();
    second.close();
  }

  private record Painter(TestUser user, TestSocket ws, String personal) {
  }

  private static Painter painter() {
    TestUser u = TestUsers.register(http);
    TestSocket ws = node.socket();
    JsonObject connected = ws.connect(u.accessToken());
    return new Painter(u, ws, connected.getJsonObject("subs").fieldNames().iterator().next());
  }

  private static String paint(Painter p) {
    JsonObject reply = p.ws.request("rpc", new JsonObject().put("method", "ai.paint")
      .put("data", new JsonObject().put("prompt", "a harbour").put("size", "1024x1024")));
    assertThat(reply.containsKey("error")).as("%s", reply).isFalse();
    return reply.getJsonObject("rpc").getJsonObject("data").getString("generationId");
  }

  private static JsonObject next(Painter p, String id) {
    return p.ws.awaitPush(m -> p.personal.equals(m.getString("channel")) && m.containsKey("pub")
      && id.equals(m.getJsonObject("pub").getJsonObject("data").getString("generationId")))
      .getJsonObject("pub").getJsonObject("data");
  }

  @Test
  @DisplayName("A failing first upstream is skipped before the first byte; the second's partial image and picture arrive")
  void failover() {
    first.reset(FakeImageUpstream.Mode.FAIL);
    second.reset(FakeImageUpstream.Mode.STREAM);
    Painter p = painter();
    String id = paint(p);
    assertThat(next(p, id).getString("type")).isEqualTo("queued");
    assertThat(next(p, id).getString("type")).isEqualTo("partial");
    JsonObject done = next(p, id);
    assertThat(done.getString("type")).as("%s", done).isEqualTo("done");
    assertThat(done.getInteger("width")).isEqualTo(64);
    assertThat(first.requests.get()).isEqualTo(1);
    assertThat(second.requests.get()).isEqualTo(1);
    JsonObject sent = new JsonObject(new String(second.received.peek().body(), StandardCharsets.UTF_8));
    assertThat(sent.getString("prompt")).isEqualTo("a harbour");
    assertThat(sent.getString("size")).isEqualTo("1024x1024");
    assertThat(sent.getBoolean("stream")).isTrue();
  }

  @Test
  @DisplayName("ai.cancel closes the upstream connection within one second; the usage row says cancelled")
  void cancelReachesUpstream() {
    first.reset(FakeImageUpstream.Mode.STALL);
    second.reset(FakeImageUpstream.Mode.STALL);
    Painter p = painter();
    String id = paint(p);
    assertThat(next(p, id).getString("type")).isEqualTo("queued");
    assertThat(next(p, id).getString("type")).as("the upstream answered with a partial image").isEqualTo("partial");
    long cancelledAt = System.nanoTime();
    p.ws.request("rpc", new JsonObject().put("method", "ai.cancel").put("data", new JsonObject().put("generationId", id)));
    Await.until("upstream connection closed", 5, () -> !first.closedAtNanos.isEmpty());
    long ms = (first.closedAtNanos.peek() - cancelledAt) / 1_000_000;
    assertThat(ms).as("ms from ai.cancel to the upstream's close").isLessThan(1000);
    assertThat(next(p, id).getString("code")).isEqualTo("ai_cancelled");
    Await.until("cancelled usage row", 5, () -> "cancelled".equals(AiTests.sql(
      "SELECT status FROM ai_image_usage WHERE generation_id = '" + id + "'", String.class)));
  }

  @Test
  @DisplayName("POST /v1/images/edits sends the reference picture upstream as the multipart image part")
  void editsAsMultipart() {
    first.reset(FakeImageUpstream.Mode.JSON);
    second.reset(FakeImageUpstream.Mode.JSON);
    TestUser u = TestUsers.register(http);
    byte[] reference = PatternRenderer.render("reference", null, 40, 30, 1.0);
    HttpResponse<byte[]> r = new PaintHttp(node::httpPort).multipart("/v1/images/edits", u.accessToken(),
      Map.of("prompt", "make it night", "size", "1024x1024"), "image", reference);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    JsonObject body = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(body.getJsonArray("data").getJsonObject(0).getString("b64_json")).isNotEmpty();
    FakeImageUpstream.Received got = first.received.peek();
    assertThat(got.path()).isEqualTo("/v1/images/edits");
    assertThat(got.contentType()).startsWith("multipart/form-data; boundary=");
    String text = new String(got.body(), StandardCharsets.ISO_8859_1);
    assertThat(text).contains("name=\"prompt\"").contains("make it night").contains("name=\"image\"")
      .contains(new String(reference, StandardCharsets.ISO_8859_1));
  }
}
