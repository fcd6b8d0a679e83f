package io.liveroom.post;

import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The reports queue takes a post or a comment; a moderator's remove_post deletes it for everyone")
class PostReportsTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();

  private static TestHttp.Response report(PostFixtures app, Member as, JsonObject target) {
    return app.send("POST", "/api/v1/reports", target.put("reason", "spam"), as);
  }

  private static TestHttp.Response resolve(PostFixtures app, Member mod, long reportId) {
    return app.send("POST", "/api/v1/moderation/reports/" + reportId + "/resolution",
      new JsonObject().put("action", "remove_post").put("outcome", "removed"), mod);
  }

  @Test
  @DisplayName("A reported post names its author; remove_post deletes it and its shares")
  void post() {
    PostFixtures app = new PostFixtures(node.get());
    Member author = app.user("author");
    Member reader = app.user("reader");
    Member mod = app.moderator("mod");
    long post = app.post(author, "spammy", "public").getLong("id");
    TestHttp.Response filed = report(app, reader, new JsonObject().put("postId", post));
    assertThat(filed.status()).as("%s", filed).isEqualTo(201);
    assertThat(filed.json().getLong("targetUserId")).isEqualTo(author.id());
    assertThat(filed.json().getLong("postId")).isEqualTo(post);
    assertThat(report(app, author, new JsonObject().put("postId", post)).status()).as("self-report").isEqualTo(400);
    assertThat(report(app, reader, new JsonObject().put("postId", 999_999)).status()).isEqualTo(404);
    assertThat(resolve(app, mod, filed.json().getLong("id")).status()).isEqualTo(200);
    assertThat(app.get(post, reader).status()).isEqualTo(404);
    assertThat(app.get(post, author).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A reported comment names its author; remove_post deletes the comment")
  void comment() {
    PostFixtures app = new PostFixtures(node.get());
    Member author = app.user("author");
    Member troll = app.user("troll");
    Member mod = app.moderator("mod");
    long post = app.post(author, "hello", "public").getLong("id");
    long comment = app.send("POST", "/api/v1/posts/" + post + "/comments", new JsonObject().put("text", "rude"), troll)
      .json().getLong("id");
    TestHttp.Response filed = report(app, author, new JsonObject().put("commentId", comment));
    assertThat(filed.status()).as("%s", filed).isEqualTo(201);
    assertThat(filed.json().getLong("targetUserId")).isEqualTo(troll.id());
    assertThat(resolve(app, mod, filed.json().getLong("id")).status()).isEqualTo(200);
    assertThat(app.send("GET", "/api/v1/posts/" + post + "/comments", null, author).json().getJsonArray("items")).isEmpty();
    assertThat(app.get(post, author).json().getJsonObject("counts").getLong("comments")).isZero();
  }
}
