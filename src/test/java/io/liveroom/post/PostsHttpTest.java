package io.liveroom.post;

import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Posts over HTTP: compose, visibility, pictures, edit, delete, shares and profile lists")
class PostsHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();

  @Test
  @DisplayName("A public post with a picture renders in the agreed shape, and its picture is served under a public URL")
  void publicPostWithPicture() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    String media = app.upload(alice);
    JsonObject post = app.post(alice, new JsonObject().put("text", "hello world").put("visibility", "public")
      .put("pictures", new JsonArray().add(media)));
    JsonObject seen = app.get(post.getLong("id"), bob).json();
    assertThat(seen.getJsonObject("author").getLong("id")).isEqualTo(alice.id());
    assertThat(seen.getJsonObject("author").getString("nickname")).isEqualTo("alice");
    assertThat(seen.getString("text")).isEqualTo("hello world");
    assertThat(seen.getJsonObject("counts").getLong("likes")).isZero();
    assertThat(seen.getBoolean("likedByMe")).isFalse();
    assertThat(seen.containsKey("repostOf")).isTrue();
    JsonObject pic = seen.getJsonArray("pictures").getJsonObject(0);
    assertThat(pic.getString("mediaId")).isEqualTo(media);
    assertThat(pic.getString("url")).doesNotContain("sig=");
    assertThat(app.fetch(pic.getString("url"))).isEqualTo(200);
    assertThat(PostFixtures.count("SELECT count(*) FROM media_refs WHERE media_id = ?::uuid AND ref_kind = 'post'", media))
      .as("referenced, so the sweeper keeps it").isEqualTo(1);
  }

  @Test
  @DisplayName("A private post is its author's alone, with signed picture links; followers-only needs a follow")
  void visibility() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    String media = app.upload(alice);
    JsonObject secret = app.post(alice, new JsonObject().put("text", "only me").put("visibility", "private")
      .put("pictures", new JsonArray().add(media)));
    JsonObject friends = app.post(alice, "friends", "followers");
    assertThat(app.get(secret.getLong("id"), bob).status()).isEqualTo(404);
    String url = app.get(secret.getLong("id"), alice).json().getJsonArray("pictures").getJsonObject(0).getString("url");
    assertThat(url).contains("sig=");
    assertThat(app.fetch(url)).isEqualTo(200);
    assertThat(app.fetch(url.substring(0, url.indexOf('?')))).as("not public").isEqualTo(404);
    assertThat(app.get(friends.getLong("id"), bob).status()).isEqualTo(404);
    assertThat(app.follow(bob, alice).status()).isEqualTo(200);
    assertThat(app.get(friends.getLong("id"), bob).status()).isEqualTo(200);
    JsonArray listed = app.send("GET", "/api/v1/users/" + alice.id() + "/posts", null, bob).json().getJsonArray("items");
    assertThat(listed.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(friends.getLong("id"));
    JsonArray own = app.send("GET", "/api/v1/users/" + alice.id() + "/posts", null, alice).json().getJsonArray("items");
    assertThat(own).hasSize(2);
  }

  @Test
  @DisplayName("A block either way hides the author's posts and refuses comments")
  void blocks() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    JsonObject post = app.post(alice, "hi", "public");
    assertThat(app.send("PUT", "/api/v1/users/" + bob.id() + "/block", null, alice).status()).isIn(200, 204);
    assertThat(app.get(post.getLong("id"), bob).status()).isEqualTo(404);
    TestHttp.Response c = app.send("POST", "/api/v1/posts/" + post.getLong("id") + "/comments",
      new JsonObject().put("text", "hey"), bob);
    assertThat(c.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Video links must be https on the allow-list; a place tag needs location consent and never takes coordinates")
  void validation() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    TestHttp.Response http = app.send("POST", "/api/v1/posts",
      new JsonObject().put("videoUrl", "http://www.youtube.com/watch?v=x"), alice);
    assertThat(http.status()).isEqualTo(400);
    TestHttp.Response host = app.send("POST", "/api/v1/posts",
      new JsonObject().put("videoUrl", "https://evil.example/v"), alice);
    assertThat(host.status()).isEqualTo(400);
    app.post(alice, new JsonObject().put("videoUrl", "https://www.youtube.com/watch?v=x"));
    TestHttp.Response coords = app.send("POST", "/api/v1/posts", new JsonObject().put("text", "here")
      .put("place", new JsonObject().put("name", "31.2304, 121.4737")), alice);
    assertThat(coords.status()).isEqualTo(400);
    TestHttp.Response noConsent = app.send("POST", "/api/v1/posts", new JsonObject().put("text", "here")
      .put("place", new JsonObject().put("region", "sh-pudong").put("name", "Pudong")), alice);
    assertThat(noConsent.status()).isEqualTo(403);
    assertThat(noConsent.json().getString("code")).isEqualTo("consent_required");
  }

  @Test
  @DisplayName("Deleting an original removes it and every share of it from every list at once; a moderator may delete")
  void deleteAndShares() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    Member mod = app.moderator("mod");
    JsonObject post = app.post(alice, "original", "public");
    TestHttp.Response share = app.send("POST", "/api/v1/posts/" + post.getLong("id") + "/share",
      new JsonObject().put("text", "look"), bob);
    assertThat(share.status()).as("%s", share).isEqualTo(201);
    assertThat(share.json().getJsonObject("repostOf").getLong("id")).isEqualTo(post.getLong("id"));
    assertThat(app.get(post.getLong("id"), bob).json().getJsonObject("counts").getLong("shares")).isEqualTo(1);
    assertThat(app.send("DELETE", "/api/v1/posts/" + post.getLong("id"), null, bob).status()).isEqualTo(403);
    assertThat(app.send("DELETE", "/api/v1/posts/" + post.getLong("id"), null, mod).status()).isEqualTo(204);
    long shareId = share.json().getLong("id");
    assertThat(app.get(post.getLong("id"), alice).status()).isEqualTo(404);
    assertThat(app.get(shareId, bob).status()).as("the share goes with its original").isEqualTo(404);
    assertThat(app.send("GET", "/api/v1/users/" + bob.id() + "/posts", null, bob).json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("Comments: one level of replies, deletion by the post's author, counts follow")
  void comments() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    long post = app.post(alice, "talk to me", "public").getLong("id");
    String path = "/api/v1/posts/" + post + "/comments";
    TestHttp.Response top = app.send("POST", path, new JsonObject().put("text", "first"), bob);
    assertThat(top.status()).as("%s", top).isEqualTo(201);
    long topId = top.json().getLong("id");
    long reply = app.send("POST", path, new JsonObject().put("text", "re").put("replyTo", topId), alice).json().getLong("id");
    TestHttp.Response deep = app.send("POST", path, new JsonObject().put("text", "re re").put("replyTo", reply), bob);
    assertThat(deep.json().getLong("parentId")).as("one level only").isEqualTo(topId);
    JsonArray items = app.send("GET", path, null, bob).json().getJsonArray("items");
    assertThat(items).hasSize(3);
    assertThat(app.get(post, bob).json().getJsonObject("counts").getLong("comments")).isEqualTo(3);
    assertThat(app.send("DELETE", path + "/" + topId, null, alice).status()).isEqualTo(204);
    assertThat(app.send("GET", path, null, bob).json().getJsonArray("items")).isEmpty();
    assertThat(app.get(post, bob).json().getJsonObject("counts").getLong("comments")).isZero();
  }

  @Test
  @DisplayName("Editing works within the window, only for the author")
  void edit() {
    PostFixtures app = new PostFixtures(node.get());
    Member alice = app.user("alice");
    Member bob = app.user("bob");
    long post = app.post(alice, "draft", "public").getLong("id");
    assertThat(app.send("PATCH", "/api/v1/posts/" + post, new JsonObject().put("text", "x"), bob).status()).isEqualTo(403);
    TestHttp.Response ok = app.send("PATCH", "/api/v1/posts/" + post, new JsonObject().put("text", "final"), alice);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getString("text")).isEqualTo("final");
    assertThat(ok.json().getString("editedAt")).isNotNull();
  }
}
