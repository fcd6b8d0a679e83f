package io.liveroom.note;

import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the notes tests set up through the API: uploaded pictures, real AI answers, and SQL probes. */
final class NoteFixtures {
  private NoteFixtures() {
  }

  /** Uploads a small PNG as {@code bearer} (multipart, as the app sends it); returns the media id. */
  static String uploadPicture(int port, String bearer) throws Exception {
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 30; y++) {
        img.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | 90);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    String boundary = "----notes" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nai\r\n"
      + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
      + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(png.toByteArray());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/media"))
      .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + bearer)
      .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  /** A real dialogue turn: a conversation over HTTP, ai.chat over the socket, the stored answer's ids. */
  record Answer(long conversationId, long messageId, String text) {
  }

  static Answer answer(TestHttp http, TestSocket ws, String bearer, String question) {
    long conversation = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "Notes source"), bearer)
      .json().getLong("id");
    String personal = ws.connect(bearer).getJsonObject("subs").fieldNames().iterator().next();
    JsonObject reply = ws.request("rpc", new JsonObject().put("method", "ai.chat").put("data", new JsonObject()
      .put("conversationId", conversation).put("text", question).put("requestId", "n-" + UUID.randomUUID())));
    assertThat(reply.containsKey("error")).as("ai.chat: %s", reply).isFalse();
    String generation = reply.getJsonObject("rpc").getJsonObject("data").getString("generationId");
    StringBuilder text = new StringBuilder();
    while (true) {
      JsonObject p = ws.awaitPush(push -> personal.equals(push.getString("channel")) && push.containsKey("pub")
        && generation.equals(push.getJsonObject("pub").getJsonObject("data").getString("generationId")))
        .getJsonObject("pub").getJsonObject("data");
      switch (p.getString("type")) {
        case "delta" -> text.append(p.getString("text"));
        case "done" -> {
          return new Answer(conversation, p.getLong("messageId"), text.toString());
        }
        case "start" -> { }
        default -> throw new AssertionError("unexpected publication " + p);
      }
    }
  }

  static long count(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void update(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
