package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media.moderation.provider=http} against a real moderation service: a Vert.x HTTP server
 * started here, whose answer each test chooses (approve, reject, a 500, no answer at all).
 */
@DisplayName("The http image-moderation provider: approve publishes, reject never does, a failing or silent service keeps the picture pending")
class HttpImageModeratorTest {
  private static final String SECRET = "moderation-secret-0123456789";
  private static final int TIMEOUT_MS = 800;
  private static Vertx vertx;
  private static HttpServer server;
  /** What the service does with the next requests: approve, reject, fail (500) or hang. */
  private static volatile String mode = "approve";
  private static final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

  record Seen(String authorization, JsonObject body) {
  }

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().beforeStart(HttpImageModeratorTest::startService)
    .config(json -> json.getJsonObject("media").put("moderation", new JsonObject().put("provider", "http")
      .put("url", "http://127.0.0.1:" + server.actualPort() + "/review").put("secret", SECRET)
      .put("timeoutMs", TIMEOUT_MS))).build();
  private static final MediaHttp media = new MediaHttp(node::httpPort);

  static void startService() throws Exception {
    if (server != null) {
      return;
    }
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(HttpImageModeratorTest::review).listen(0, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void review(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      seen.add(new Seen(request.getHeader("Authorization"), body.toJsonObject()));
      switch (mode) {
        case "hang" -> { }
        case "fail" -> request.response().setStatusCode(500).end("overloaded");
        default -> request.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("verdict", mode).encode());
      }
    });
  }

  @AfterAll
  static void stopService() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void reset() {
    seen.clear();
    mode = "approve";
  }

  private static JsonObject uploadCover(TestUsers.TestUser user) {
    MediaHttp.Answer a = media.upload(user.accessToken(), "cover.jpg", Pictures.jpeg(320, 240), Map.of("purpose", "cover"));
    assertThat(a.status()).as("%s", a).isEqualTo(201);
    return a.json();
  }

  @Test
  @DisplayName("Approve: the service gets the medium picture with the owner's and picture's ids and the bearer secret; the picture is public")
  void approve() throws Exception {
    TestUsers.TestUser user = TestUsers.register(node.http());
    JsonObject m = uploadCover(user);
    assertThat(m.getString("visibility")).isEqualTo("public");
    assertThat(m.getString("moderation")).isEqualTo("approved");
    assertThat(media.get("/media/" + m.getString("id") + "/medium").status()).isEqualTo(200);

    Seen request = seen.poll(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.authorization()).isEqualTo("Bearer " + SECRET);
    assertThat(request.body().getString("mediaId")).isEqualTo(m.getString("id"));
    assertThat(request.body().getLong("ownerId")).isEqualTo(user.id());
    byte[] image = Base64.getDecoder().decode(request.body().getString("image"));
    assertThat(Pictures.decode(image).getWidth()).as("the medium rendition").isEqualTo(320);
    assertThat(Pictures.exifSegments(image)).isEmpty();
  }

  @Test
  @DisplayName("Reject: the picture stays private and rejected, is never served publicly, and cannot become a cover")
  void reject() {
    mode = "reject";
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    JsonObject m = uploadCover(host);
    String id = m.getString("id");
    assertThat(m.getString("visibility")).isEqualTo("private");
    assertThat(m.getString("moderation")).isEqualTo("rejected");
    assertThat(media.get("/media/" + id + "/medium").status()).isEqualTo(404);

    mode = "approve";
    io.liveroom.support.TestHttp.Response room = node.http().post("/api/v1/rooms", new JsonObject()
      .put("title", "Rejected cover").put("category", "music").put("coverMediaId", id), host.accessToken());
    assertThat(room.status()).as("%s", room).isEqualTo(409);
    assertThat(room.json().getString("code")).isEqualTo("media_not_usable");
    assertThat(media.get("/media/" + id + "/medium").status()).as("not asked again once rejected").isEqualTo(404);
  }

  @Test
  @DisplayName("Service failing (500): the picture stays private and pending; using it later asks again and publishes it")
  void serviceDown() {
    mode = "fail";
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    JsonObject m = uploadCover(host);
    String id = m.getString("id");
    assertThat(m.getString("visibility")).isEqualTo("private");
    assertThat(m.getString("moderation")).isEqualTo("pending");
    assertThat(media.get("/media/" + id + "/medium").status()).isEqualTo(404);

    io.liveroom.support.TestHttp.Response refused = node.http().post("/api/v1/rooms", new JsonObject()
      .put("title", "Waiting").put("category", "music").put("coverMediaId", id), host.accessToken());
    assertThat(refused.json().getString("code")).as("%s", refused).isEqualTo("media_not_usable");

    mode = "approve";
    io.liveroom.support.TestHttp.Response created = node.http().post("/api/v1/rooms", new JsonObject()
      .put("title", "Approved now").put("category", "music").put("coverMediaId", id), host.accessToken());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(media.get("/media/" + id + "/medium").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Service silent: the upload answers after media.moderation.timeoutMs with the picture private and pending")
  void timeout() {
    mode = "hang";
    TestUsers.TestUser user = TestUsers.register(node.http());
    long start = System.nanoTime();
    JsonObject m = uploadCover(user);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(m.getString("visibility")).isEqualTo("private");
    assertThat(m.getString("moderation")).isEqualTo("pending");
    assertThat(tookMs).as("waited for the timeout, not forever").isGreaterThanOrEqualTo(TIMEOUT_MS).isLessThan(30_000);
    assertThat(media.get("/media/" + m.getString("id") + "/medium").status()).isEqualTo(404);
  }
}
