package io.liveroom.social;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.CollectedExport;
import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Follows, blocks and search history are exported and erased; erasure corrects the others' counts; suggestions follow the consent")
class SocialPrivacyTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private SocialFixtures app;

  @BeforeEach
  void fixtures() {
    app = new SocialFixtures(node.get());
  }


  private PersonalDataSource source() {
    return node.get().social().personalData().get(0);
  }

  @Test
  @DisplayName("The export holds both follow directions, the blocks made, the history and its setting, of this user only")
  void export() {
    Member me = app.user("me");
    Member a = app.user("a");
    Member b = app.user("b");
    app.follow(me, a);
    app.follow(b, me);
    app.follow(a, b);
    app.block(me, b);
    app.http.get("/api/v1/search?q=hello", me.token());
    app.http.get("/api/v1/search?q=other", a.token());
    CollectedExport out = new CollectedExport();
    RewardFixtures.await(source().export(me.id(), out));
    assertThat(out.categories.keySet()).containsExactlyInAnyOrderElementsOf(source().categories());
    assertThat(((JsonArray) out.categories.get("following")).getJsonObject(0).getLong("userId")).isEqualTo(a.id());
    assertThat((JsonArray) out.categories.get("followers")).as("b's follow was removed by my block").isEmpty();
    assertThat(((JsonArray) out.categories.get("blocks")).getJsonObject(0).getLong("blockedUserId")).isEqualTo(b.id());
    JsonArray history = (JsonArray) out.categories.get("searchHistory");
    assertThat(history.size()).isEqualTo(1);
    assertThat(history.getJsonObject(0).getString("query")).isEqualTo("hello");
    assertThat(out.categories.get("searchSettings")).as("never chose").isNull();
  }

  @Test
  @DisplayName("Erasure deletes the user's follows, blocks either way and history, and the others' counts drop by one")
  void erasure() {
    Member gone = app.user("gone");
    Member star = app.user("star");
    Member fan = app.user("fan");
    Member blocker = app.user("blocker");
    app.follow(gone, star);
    app.follow(fan, gone);
    app.follow(fan, star);
    app.block(blocker, gone);
    app.http.get("/api/v1/search?q=hello", gone.token());
    app.http.put("/api/v1/me/search-history/settings", new JsonObject().put("recordHistory", true), gone.token());

    RewardFixtures.await(node.get().pool().withTransaction(tx -> source().erase(tx, gone.id(), ErasureMode.DELETE)));

    assertThat(app.profile(fan, star).getLong("followerCount")).isEqualTo(1L);
    assertThat(app.profile(star, fan).getLong("followingCount")).isEqualTo(1L);
    for (String table : List.of("follows WHERE follower_id = ? OR followee_id = ?",
      "user_blocks WHERE blocker_id = ? OR blocked_id = ?", "search_history WHERE user_id = ? OR user_id = ?",
      "search_settings WHERE user_id = ? OR user_id = ?", "follow_counts WHERE user_id = ? OR user_id = ?",
      "follow_daily WHERE user_id = ? OR user_id = ?")) {
      assertThat(SocialFixtures.count("SELECT count(*) FROM " + table, gone.id(), gone.id())).as(table).isZero();
    }
    assertThat(SocialFixtures.count("""
      SELECT count(*) FROM follow_counts c WHERE c.followers <> (SELECT count(*) FROM follows WHERE followee_id = c.user_id)
         OR c.following <> (SELECT count(*) FROM follows WHERE follower_id = c.user_id)""")).isZero();
  }

  @Test
  @DisplayName("Suggestions rank by the user's follows only while personalized_recommendations is granted, from the next request on")
  void suggestionsFollowConsent() {
    Member me = app.user("me");
    Member friend = app.user("friend");
    Member niche = app.user("niche");
    Member popular = app.user("popular");
    app.follow(me, friend);
    app.follow(friend, niche);
    for (int i = 0; i < 3; i++) {
      app.follow(app.user("p" + i), popular);
    }
    JsonObject plain = suggestions(me);
    assertThat(plain.getBoolean("personalized")).isFalse();
    assertThat(firstUser(plain)).as("most followed, the same for everyone").isEqualTo(popular.id());

    assertThat(consent(me, true).status()).isEqualTo(200);
    JsonObject personal = suggestions(me);
    assertThat(personal.getBoolean("personalized")).isTrue();
    assertThat(firstUser(personal)).as("followed by whom I follow").isEqualTo(niche.id());

    assertThat(consent(me, false).status()).isEqualTo(200);
    JsonObject withdrawn = suggestions(me);
    assertThat(withdrawn.getBoolean("personalized")).isFalse();
    assertThat(firstUser(withdrawn)).isEqualTo(popular.id());
  }

  private JsonObject suggestions(Member m) {
    TestHttp.Response r = app.http.get("/api/v1/me/suggested-follows", m.token());
    assertThat(r.status()).as("suggestions: %s", r).isEqualTo(200);
    return r.json();
  }

  private static long firstUser(JsonObject page) {
    return page.getJsonArray("items").getJsonObject(0).getJsonObject("user").getLong("id");
  }

  private TestHttp.Response consent(Member m, boolean granted) {
    return app.http.put("/api/v1/me/consents/personalized_recommendations", new JsonObject().put("granted", granted)
      .put("policyVersion", io.liveroom.support.TestUsers.policyVersion()), m.token());
  }
}
