package io.liveroom.post;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.support.CollectedExport;
import io.liveroom.support.Members.Member;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Posts, shares, comments and likes are exported, hidden while cancelling, erased after, and purged when deleted")
class PostPrivacyTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();


  private static PersonalDataSource source() {
    return node.get().posts().personalData().get(0);
  }

  private static JsonArray list(CollectedExport c, String category) {
    return c.rows(category);
  }

  @Test
  @DisplayName("The export holds the user's posts, shares, pictures, comments and likes, and nobody else's")
  void export() {
    PostFixtures app = new PostFixtures(node.get());
    Member me = app.user("me");
    Member other = app.user("other");
    long theirs = app.post(other, "theirs", "public").getLong("id");
    app.post(me, new JsonObject().put("text", "mine").put("visibility", "private")
      .put("pictures", new JsonArray().add(app.upload(me))));
    app.send("POST", "/api/v1/posts/" + theirs + "/share", new JsonObject().put("text", "see"), me);
    app.send("POST", "/api/v1/posts/" + theirs + "/comments", new JsonObject().put("text", "nice"), me);
    app.send("PUT", "/api/v1/posts/" + theirs + "/like", null, me);
    app.send("POST", "/api/v1/posts/" + theirs + "/comments", new JsonObject().put("text", "own"), other);

    CollectedExport out = new CollectedExport();
    RewardFixtures.await(source().export(me.id(), out));
    assertThat(out.categories.keySet()).containsExactlyElementsOf(source().categories());
    assertThat(list(out, "posts")).hasSize(1);
    assertThat(list(out, "posts").getJsonObject(0).getString("text")).isEqualTo("mine");
    assertThat(list(out, "postShares").getJsonObject(0).getLong("repostOf")).isEqualTo(theirs);
    assertThat(list(out, "postPictures")).hasSize(1);
    assertThat(list(out, "postComments")).hasSize(1);
    assertThat(list(out, "postComments").getJsonObject(0).getString("text")).isEqualTo("nice");
    assertThat(list(out, "postLikes").getJsonObject(0).getLong("postId")).isEqualTo(theirs);
  }

  @Test
  @DisplayName("Freezing hides the user's posts and comments from everyone; restoring shows them again")
  void freezeAndRestore() {
    PostFixtures app = new PostFixtures(node.get());
    Member me = app.user("me");
    Member other = app.user("other");
    long mine = app.post(me, "mine", "public").getLong("id");
    long theirs = app.post(other, "theirs", "public").getLong("id");
    app.send("POST", "/api/v1/posts/" + theirs + "/comments", new JsonObject().put("text", "hi"), me);
    String comments = "/api/v1/posts/" + theirs + "/comments";

    RewardFixtures.await(source().freeze(me.id()));
    assertThat(app.get(mine, other).status()).isEqualTo(404);
    assertThat(app.send("GET", comments, null, other).json().getJsonArray("items")).isEmpty();

    RewardFixtures.await(source().restore(me.id()));
    assertThat(app.get(mine, other).status()).isEqualTo(200);
    assertThat(app.send("GET", comments, null, other).json().getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("Erasure deletes the user's posts with what is on them and their likes; others' counts are recomputed")
  void erasure() {
    PostFixtures app = new PostFixtures(node.get());
    Member gone = app.user("gone");
    Member other = app.user("other");
    long mine = app.post(gone, "mine", "public").getLong("id");
    long theirs = app.post(other, "theirs", "public").getLong("id");
    app.send("POST", "/api/v1/posts/" + mine + "/share", null, other);
    app.send("POST", "/api/v1/posts/" + mine + "/comments", new JsonObject().put("text", "on yours"), other);
    app.send("POST", "/api/v1/posts/" + theirs + "/comments", new JsonObject().put("text", "bye"), gone);
    app.send("PUT", "/api/v1/posts/" + theirs + "/like", null, gone);
    app.send("POST", "/api/v1/posts/" + theirs + "/share", null, gone);

    RewardFixtures.await(node.get().pool().withTransaction(tx -> source().erase(tx, gone.id(), ErasureMode.DELETE)));

    assertThat(PostFixtures.count("SELECT count(*) FROM posts WHERE author_id = ?", gone.id())).isZero();
    assertThat(PostFixtures.count("SELECT count(*) FROM posts WHERE repost_of = ?", mine)).as("others' shares").isZero();
    assertThat(PostFixtures.count("SELECT count(*) FROM post_comments WHERE author_id = ?", gone.id())).isZero();
    assertThat(PostFixtures.count("SELECT count(*) FROM post_likes WHERE user_id = ?", gone.id())).isZero();
    JsonObject counts = app.get(theirs, other).json().getJsonObject("counts");
    assertThat(counts.getLong("likes")).isZero();
    assertThat(counts.getLong("comments")).isZero();
    assertThat(counts.getLong("shares")).isZero();
  }

  @Test
  @DisplayName("The retention rule purges posts deleted longer ago than the cutoff, shares first, then the original")
  void purge() {
    PostFixtures app = new PostFixtures(node.get());
    Member me = app.user("me");
    Member other = app.user("other");
    long post = app.post(me, "soon gone", "public").getLong("id");
    app.send("POST", "/api/v1/posts/" + post + "/share", null, other);
    app.send("POST", "/api/v1/posts/" + post + "/comments", new JsonObject().put("text", "c"), other);
    assertThat(app.send("DELETE", "/api/v1/posts/" + post, null, me).status()).isEqualTo(204);
    var rule = node.get().posts().retention().get(0).target();
    Instant later = Instant.now().plusSeconds(60);
    assertThat(RewardFixtures.await(rule.purgeOlderThan(later, 100))).isEqualTo(1);
    assertThat(RewardFixtures.await(rule.purgeOlderThan(later, 100))).isEqualTo(1);
    assertThat(PostFixtures.count("SELECT count(*) FROM posts")).isZero();
    assertThat(PostFixtures.count("SELECT count(*) FROM post_comments")).isZero();
  }
}
