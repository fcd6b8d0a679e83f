package io.liveroom.social;

import io.liveroom.support.LiveNode;
import io.liveroom.support.Members.Member;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Search finds posts by their text (Chinese too), newest first, only those the caller may see")
class SearchPostsHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private SocialFixtures app;

  @BeforeEach
  void fixtures() {
    app = new SocialFixtures(node.get());
  }

  private List<Long> found(Member as, String q) {
    TestHttp.Response r = app.http.get("/api/v1/search?type=posts&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
      as.token());
    assertThat(r.status()).as("search: %s", r).isEqualTo(200);
    assertThat(r.json().getString("type")).isEqualTo("posts");
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private long post(Member author, String text, String visibility) {
    TestHttp.Response r = app.send("POST", "/api/v1/posts", new JsonObject().put("text", text).put("visibility", visibility),
      author);
    assertThat(r.status()).as("post: %s", r).isEqualTo(201);
    return r.json().getLong("id");
  }

  @Test
  @DisplayName("Public posts match anywhere in their text at one, two and three or more characters, Chinese and Latin, newest first")
  void publicPosts() {
    Member me = app.user("reader");
    Member author = app.user("writer");
    long older = post(author, "昨晚的音乐节太热闹了", "public");
    long newer = post(author, "Jazz concert: 今天的音乐会很棒", "public");
    post(author, "nothing to see here", "public");
    assertThat(found(me, "音乐")).as("two Chinese characters").containsExactly(newer, older);
    assertThat(found(me, "乐")).as("one character").containsExactly(newer, older);
    assertThat(found(me, "音乐会")).as("three characters").containsExactly(newer);
    assertThat(found(me, "CONCERT")).as("Latin, any case, inside the text").containsExactly(newer);
    assertThat(found(me, "%")).as("wildcards match literally").isEmpty();
  }

  @Test
  @DisplayName("Followers-only posts are found by followers only; private and deleted posts never; nor posts of blocked, banned or cancelled authors")
  void visibility() {
    Member me = app.user("reader");
    Member friend = app.user("friend");
    Member blocked = app.user("blocked");
    Member banned = app.user("banned");
    Member cancelled = app.user("cancelled");
    long forFollowers = post(friend, "music night for followers", "followers");
    post(friend, "music night, private", "private");
    long deleted = post(friend, "music night, deleted", "public");
    long shown = post(friend, "music night, public", "public");
    post(blocked, "music night by a blocked author", "public");
    post(banned, "music night by a banned author", "public");
    post(cancelled, "music night by a cancelled author", "public");
    long mine = post(me, "the reader's own music", "public");
    assertThat(app.send("DELETE", "/api/v1/posts/" + deleted, friend).status()).isEqualTo(204);
    app.block(me, blocked);
    SocialFixtures.sql("UPDATE users SET status = 'banned' WHERE id = ?", banned.id());
    SocialFixtures.sql("UPDATE users SET status = 'cancelled' WHERE id = ?", cancelled.id());

    assertThat(found(me, "music night")).as("not following yet").containsExactly(shown);
    assertThat(app.follow(me, friend).status()).isLessThan(300);
    assertThat(found(me, "music night")).as("following").containsExactly(shown, forFollowers);
    assertThat(found(friend, "own music")).containsExactly(mine);
    assertThat(found(blocked, "own music")).as("the block stands both ways").isEmpty();
  }

  @Test
  @DisplayName("A posts search goes into the caller's history like the others")
  void history() {
    Member me = app.user("reader");
    found(me, "音乐");
    JsonObject h = app.http.get("/api/v1/me/search-history", me.token()).json();
    assertThat(h.getJsonArray("items").getJsonObject(0).getString("query")).isEqualTo("音乐");
  }
}
