package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every node serves every picture, and uploads from many connections at once on several event loops all succeed")
class MediaAcrossNodesTest {
  @RegisterExtension
  @Order(1)
  static final LiveNode first = LiveNode.builder().loops(4).build();
  @RegisterExtension
  @Order(2)
  static final LiveNode second = LiveNode.builder().keepData().build();
  private static final MediaHttp onFirst = new MediaHttp(first::httpPort);
  private static final MediaHttp onSecond = new MediaHttp(second::httpPort);

  @Test
  @DisplayName("A picture uploaded on node A is served by node B, publicly and through A's signed URL")
  void anotherNodeServes() {
    TestUsers.TestUser user = TestUsers.register(first.http());
    MediaHttp.Answer avatar = onFirst.upload(user.accessToken(), "a.png", Pictures.png(90, 90, false),
      Map.of("purpose", "avatar"));
    MediaHttp.Answer priv = onFirst.upload(user.accessToken(), "b.jpg", Pictures.jpeg(90, 90), Map.of());
    assertThat(avatar.status()).isEqualTo(201);
    assertThat(priv.status()).isEqualTo(201);
    String publicUrl = avatar.json().getJsonObject("urls").getString("medium");
    MediaHttp.Answer fromB = onSecond.get(publicUrl);
    assertThat(fromB.status()).isEqualTo(200);
    assertThat(fromB.bytes()).isEqualTo(onFirst.get(publicUrl).bytes());
    assertThat(onSecond.get(priv.json().getJsonObject("urls").getString("original")).status()).isEqualTo(200);
    assertThat(onSecond.get("/api/v1/media/" + priv.json().getString("id"), user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("40 uploads from 40 connections at once, on a node with 4 event loops: every one answered 201 in time, all distinct")
  void concurrentUploads() throws Exception {
    TestUsers.TestUser user = TestUsers.register(first.http());
    int uploads = 40;
    ExecutorService pool = Executors.newFixedThreadPool(uploads);
    try {
      List<Future<MediaHttp.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        int n = i;
        // A client each: a connection each, spread over the node's event loops.
        answers.add(pool.submit(() -> new MediaHttp(first::httpPort).upload(user.accessToken(), "c" + n + ".jpg",
          Pictures.jpeg(200 + n, 150), Map.of())));
      }
      Set<String> ids = new HashSet<>();
      for (Future<MediaHttp.Answer> f : answers) {
        MediaHttp.Answer a = f.get(120, TimeUnit.SECONDS);
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        ids.add(a.json().getString("id"));
        assertThat(a.json().getInteger("width")).isBetween(200, 200 + uploads);
      }
      assertThat(ids).hasSize(uploads);
      JsonObject listed = onFirst.get("/api/v1/media", user.accessToken()).json();
      assertThat(listed.getJsonArray("media")).hasSize(uploads);
    } finally {
      pool.shutdownNow();
    }
  }
}
