package io.liveroom.post;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.Members;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Users with tokens, uploads and the posts API's calls, against a real node. */
final class PostFixtures extends Members {

  PostFixtures(Node node) {
    super(node);
  }

  Member moderator(String nickname) {
    long id = RewardFixtures.user(nickname, true, LocalDate.of(1990, 1, 1), Role.MODERATOR);
    return new Member(id, RewardFixtures.token(node, id, Role.MODERATOR));
  }

  /** Posts and returns the rendered post (asserting 201). */
  JsonObject post(Member as, JsonObject body) {
    TestHttp.Response r = send("POST", "/api/v1/posts", body, as);
    assertThat(r.status()).as("post: %s", r).isEqualTo(201);
    return r.json();
  }

  JsonObject post(Member as, String text, String visibility) {
    return post(as, new JsonObject().put("text", text).put("visibility", visibility));
  }

  TestHttp.Response get(long postId, Member as) {
    return send("GET", "/api/v1/posts/" + postId, null, as);
  }

  TestHttp.Response follow(Member who, Member whom) {
    return send("PUT", "/api/v1/users/" + whom.id() + "/follow", null, who);
  }

  /** Uploads a small PNG through POST /api/v1/media; its id. */
  String upload(Member as) {
    try {
      BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
      for (int x = 0; x < 64; x++) {
        for (int y = 0; y < 48; y++) {
          img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      String boundary = "----posts" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\npost\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(png.toByteArray());
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/media"))
        .header("Authorization", "Bearer " + as.token())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
      HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
      return new JsonObject(r.body()).getString("id");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET of an absolute URL the API handed out (a picture link); its status. */
  int fetch(String url) {
    String absolute = url.startsWith("/") ? "http://127.0.0.1:" + node.httpPort() + url : url;
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(absolute)).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
