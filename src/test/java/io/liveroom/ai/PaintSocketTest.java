package io.liveroom.ai;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AI painting as the app uses it: {@code ai.paint} over the real WebSocket with the simulated
 * stand-in (two previews, 300 ms apart), events on the personal channel, the picture in the
 * gallery as media, {@code ai.cancel}, the rules (sizes, moderation, quotas) and the usage view.
 */
@DisplayName("AI painting over the real WebSocket with the simulated provider")
class PaintSocketTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> {
      JsonObject ai = json.getJsonObject("ai");
      ai.getJsonObject("moderation").put("blockedWords", new JsonArray().add("forbidden"));
      ai.getJsonObject("paint").put("sizes", new JsonArray().add("256x256").add("128x64"));
      ai.getJsonObject("paint").getJsonObject("simulated").put("partialImages", 2).put("stepMs", 300)
        .put("previewSide", 32);
      ai.getJsonObject("paint").getJsonObject("quota").put("imagesPerDay", 4).put("concurrentGenerations", 2);
    })
    .build();
  private static final TestHttp http = node.http();
  private static final PaintHttp bin = new PaintHttp(node::httpPort);

  private record Painter(TestUser user, TestSocket ws, String personal) {
  }

  private static Painter painter() {
    TestUser u = TestUsers.register(http);
    TestSocket ws = node.socket();
    JsonObject connected = ws.connect(u.accessToken());
    return new Painter(u, ws, connected.getJsonObject("subs").fieldNames().iterator().next());
  }

  private static JsonObject paint(Painter p, JsonObject params) {
    return p.ws.request("rpc", new JsonObject().put("method", "ai.paint").put("data", params));
  }

  private static String started(Painter p, String prompt) {
    JsonObject reply = paint(p, new JsonObject().put("prompt", prompt).put("size", "256x256"));
    assertThat(reply.containsKey("error")).as("ai.paint: %s", reply).isFalse();
    JsonObject data = reply.getJsonObject("rpc").getJsonObject("data");
    assertThat(data.getString("channel")).isEqualTo(p.personal);
    return data.getString("generationId");
  }

  private static JsonObject next(Painter p, String id) {
    return p.ws.awaitPush(m -> p.personal.equals(m.getString("channel")) && m.containsKey("pub")
      && id.equals(m.getJsonObject("pub").getJsonObject("data").getString("generationId")))
      .getJsonObject("pub").getJsonObject("data");
  }

  @Test
  @DisplayName("ai.paint: queued, two low-resolution partial previews, done with a media id; the PNG is in the gallery at the requested size")
  void paintsIntoTheGallery() {
    Painter p = painter();
    String id = started(p, "a lighthouse at dusk");
    assertThat(next(p, id).getString("type")).isEqualTo("queued");
    for (int i = 0; i < 2; i++) {
      JsonObject partial = next(p, id);
      assertThat(partial.getString("type")).isEqualTo("partial");
      HttpResponse<byte[]> preview = bin.get("/api/v1/ai/previews/" + partial.getString("previewMediaId"),
        p.user.accessToken());
      assertThat(preview.statusCode()).isEqualTo(200);
      BufferedImage small = PaintHttp.decode(preview.body());
      assertThat(small.getWidth()).isEqualTo(32);
      assertThat(bin.get("/api/v1/ai/previews/" + partial.getString("previewMediaId"),
        TestUsers.register(http).accessToken()).statusCode()).as("another user's preview").isEqualTo(404);
    }
    JsonObject done = next(p, id);
    assertThat(done.getString("type")).as("%s", done).isEqualTo("done");
    String mediaId = done.getString("mediaId");

    JsonObject page = http.get("/api/v1/ai/images", p.user.accessToken()).json();
    JsonObject item = page.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("id")).isEqualTo(mediaId);
    assertThat(item.getString("prompt")).isEqualTo("a lighthouse at dusk");
    HttpResponse<byte[]> download = bin.get(item.getString("downloadUrl"), null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage picture = PaintHttp.decode(download.body());
    assertThat(picture.getWidth()).isEqualTo(256);
    assertThat(picture.getHeight()).isEqualTo(256);
    assertThat(AiTests.sql("SELECT status FROM ai_image_usage WHERE generation_id = '" + id + "'", String.class))
      .isEqualTo("complete");
    assertThat(AiTests.sql("SELECT purpose FROM media_objects WHERE id = '" + mediaId + "'", String.class))
      .isEqualTo("ai");
  }

  @Test
  @DisplayName("The same prompt paints the same picture; another prompt a different one")
  void deterministic() {
    Painter p = painter();
    byte[] first = finished(p, "two red foxes");
    byte[] again = finished(p, "two red foxes");
    byte[] other = finished(p, "a blue whale");
    assertThat(pixels(again)).isEqualTo(pixels(first));
    assertThat(pixels(other)).isNotEqualTo(pixels(first));
  }

  private static byte[] finished(Painter p, String prompt) {
    String id = started(p, prompt);
    JsonObject e;
    do {
      e = next(p, id);
    } while (!e.getString("type").equals("done") && !e.getString("type").equals("error"));
    assertThat(e.getString("type")).as("%s", e).isEqualTo("done");
    return bin.get(e.getString("url"), null).body();
  }

  private static int[] pixels(byte[] png) {
    BufferedImage img = PaintHttp.decode(png);
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  @Test
  @DisplayName("ai.cancel stops a painting: an error event with ai_cancelled, nothing in the gallery, a cancelled usage row")
  void cancel() {
    Painter p = painter();
    String id = started(p, "a slow cathedral");
    assertThat(next(p, id).getString("type")).isEqualTo("queued");
    JsonObject reply = p.ws.request("rpc", new JsonObject().put("method", "ai.cancel")
      .put("data", new JsonObject().put("generationId", id)));
    assertThat(reply.getJsonObject("rpc").getJsonObject("data").getBoolean("cancelled")).isTrue();
    JsonObject end;
    do {
      end = next(p, id);
    } while (end.getString("type").equals("partial"));
    assertThat(end.getString("type")).isEqualTo("error");
    assertThat(end.getString("code")).isEqualTo("ai_cancelled");
    Await.until("cancelled usage row", 5, () -> "cancelled".equals(AiTests.sql(
      "SELECT status FROM ai_image_usage WHERE generation_id = '" + id + "'", String.class)));
    assertThat(http.get("/api/v1/ai/images", p.user.accessToken()).json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("Sizes off the allow-list, blocked prompts and a missing prompt are refused before anything starts")
  void rules() {
    Painter p = painter();
    JsonObject size = paint(p, new JsonObject().put("prompt", "a cat").put("size", "4096x4096"));
    assertThat(size.getJsonObject("error").getInteger("code")).isEqualTo(2400);
    JsonObject blocked = paint(p, new JsonObject().put("prompt", "something forbidden").put("size", "256x256"));
    assertThat(blocked.getJsonObject("error").getInteger("code")).isEqualTo(1410);
    JsonObject missing = paint(p, new JsonObject().put("size", "256x256"));
    assertThat(missing.containsKey("error")).isTrue();
    assertThat(AiTests.sql("SELECT count(*) FROM ai_image_usage WHERE user_id = " + p.user.id(), Long.class)).isZero();
  }

  @Test
  @DisplayName("Quotas: a third concurrent painting and a fifth picture of the day are 429s; usage shows the day against the limits")
  void quotas() {
    Painter p = painter();
    String a = started(p, "one");
    String b = started(p, "two");
    JsonObject third = paint(p, new JsonObject().put("prompt", "three").put("size", "256x256"));
    assertThat(third.getJsonObject("error").getInteger("code")).as("%s", third).isEqualTo(2402);
    // Both slots must be free before two more start: the paintings end in either order on a busy machine.
    for (String running : List.of(a, b)) {
      JsonObject e;
      do {
        e = next(p, running);
      } while (!e.getString("type").equals("done"));
    }
    started(p, "three");
    started(p, "four");
    Await.until("four usage rows", 10, () -> AiTests.sql("SELECT count(*) FROM ai_image_usage WHERE user_id = "
      + p.user.id(), Long.class) == 4L);
    JsonObject fifth = paint(p, new JsonObject().put("prompt", "five").put("size", "256x256"));
    assertThat(fifth.getJsonObject("error").getInteger("code")).as("%s", fifth).isEqualTo(2401);

    TestHttp.Response usage = http.get("/api/v1/me/ai/usage?days=3", p.user.accessToken());
    assertThat(usage.status()).isEqualTo(200);
    JsonObject today = usage.json().getJsonArray("days").getJsonObject(0);
    assertThat(usage.json().getJsonArray("days")).hasSize(3);
    assertThat(today.getInteger("imagesStarted")).isEqualTo(4);
    assertThat(today.getInteger("images")).isEqualTo(4);
    assertThat(usage.json().getJsonObject("quota").getInteger("imagesPerDay")).isEqualTo(4);
    assertThat(usage.json().getJsonObject("quota").getInteger("concurrentPaintings")).isEqualTo(2);
  }

  @Test
  @DisplayName("Deleting a gallery picture removes it from the list and from media")
  void delete() {
    Painter p = painter();
    finished(p, "to be deleted");
    JsonObject item = http.get("/api/v1/ai/images", p.user.accessToken()).json().getJsonArray("items").getJsonObject(0);
    String id = item.getString("id");
    assertThat(http.send("DELETE", "/api/v1/ai/images/" + id, null,
      java.util.Map.of("Authorization", "Bearer " + TestUsers.register(http).accessToken())).status())
      .as("another user's").isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/ai/images/" + id, null,
      java.util.Map.of("Authorization", "Bearer " + p.user.accessToken())).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/ai/images", p.user.accessToken()).json().getJsonArray("items")).isEmpty();
    assertThat(AiTests.sql("SELECT count(*) FROM media_objects WHERE id = '" + id + "'", Long.class)).isZero();
    assertThat(bin.get(item.getString("downloadUrl"), null).statusCode()).isEqualTo(404);
  }
}
