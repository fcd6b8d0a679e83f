package io.liveroom.post;

import io.liveroom.support.Members.Member;
import io.liveroom.post.FeedFixtures.Seed;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.post.FeedFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Feeds over HTTP: the following feed and the discovery feed, paged, with visibility, blocks and consent")
class FeedHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private FeedFixtures app;

  @BeforeEach
  void fixtures() {
    app = new FeedFixtures(node.get());
  }

  @Test
  @DisplayName("The following feed holds the public and followers-only posts of followees, newest first; never private, deleted, frozen or others' posts")
  void followingVisibility() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    Member dan = app.user("dan");
    app.follow(ann, bo);
    app.follow(ann, cy);
    long boPublic = app.post(bo, Seed.of("public"));
    long cyFollowers = app.post(cy, Seed.of("followers"));
    app.post(bo, Seed.of("private"));
    app.post(dan, Seed.of("public"));
    long cyDeleted = app.post(cy, Seed.of("public"));
    long boFrozen = app.post(bo, Seed.of("public"));
    long boShareOfGone = app.post(bo, new Seed("public", 0, 0, 0, 0, cyDeleted));
    long boShare = app.post(bo, new Seed("public", 0, 0, 0, 0, boPublic));
    long annOwn = app.post(ann, Seed.of("public"));
    app.delete(cyDeleted);
    app.freeze(boFrozen);

    JsonObject page = app.page(ann, "/api/v1/feed/following");
    assertThat(ids(page)).containsExactly(boShare, cyFollowers, boPublic)
      .doesNotContain(boShareOfGone, annOwn);
    assertThat(page.containsKey("nextCursor")).isFalse();
    assertThat(ids(app.page(dan, "/api/v1/feed/following"))).isEmpty();
  }

  @Test
  @DisplayName("The following feed pages by cursor without gaps or repeats, and a post deleted meanwhile is gone from the next page")
  void followingPaging() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    app.follow(ann, bo);
    app.follow(ann, cy);
    long p1 = app.post(bo, Seed.of("public"));
    long p2 = app.post(cy, Seed.of("public"));
    long p3 = app.post(bo, Seed.of("followers"));
    long p4 = app.post(cy, Seed.of("public"));
    long p5 = app.post(bo, Seed.of("public"));

    JsonObject first = app.page(ann, "/api/v1/feed/following?limit=2");
    assertThat(ids(first)).containsExactly(p5, p4);
    assertThat(first.getString("nextCursor")).isEqualTo(Long.toString(p4));
    app.delete(p3);
    JsonObject second = app.page(ann, "/api/v1/feed/following?limit=2&cursor=" + first.getString("nextCursor"));
    assertThat(ids(second)).containsExactly(p2, p1);
    JsonObject third = app.page(ann, "/api/v1/feed/following?limit=2&cursor=" + second.getString("nextCursor"));
    assertThat(ids(third)).isEmpty();
    assertThat(third.containsKey("nextCursor")).isFalse();

    TestHttp.Response bad = app.http.get("/api/v1/feed/following?cursor=abc", ann.token());
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("A block either way takes the other's posts out of the following feed and of both discovery orders, from the next request")
  void blocks() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    app.follow(ann, bo);
    app.follow(ann, cy);
    long boPost = app.post(bo, Seed.of("public"));
    long cyPost = app.post(cy, Seed.of("public"));
    long annPost = app.post(ann, Seed.of("public"));
    assertThat(ids(app.page(ann, "/api/v1/feed/following"))).containsExactly(cyPost, boPost);
    assertThat(ids(app.page(ann, "/api/v1/feed/discover?sort=recent"))).containsExactly(annPost, cyPost, boPost);

    app.block(bo, ann);
    app.block(ann, cy);
    assertThat(ids(app.page(ann, "/api/v1/feed/following"))).isEmpty();
    assertThat(ids(app.page(ann, "/api/v1/feed/discover?sort=recent"))).containsExactly(annPost);
    assertThat(ids(app.page(ann, "/api/v1/feed/discover?sort=hot"))).containsExactly(annPost);
    assertThat(ids(app.page(bo, "/api/v1/feed/discover?sort=recent"))).as("the blocker's side too")
      .containsExactly(cyPost, boPost);
  }

  @Test
  @DisplayName("Discover 'recent' lists public posts only, newest first, cursor-paged; an unknown sort is a 400")
  void discoverRecent() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    long p1 = app.post(bo, Seed.of("public"));
    app.post(bo, Seed.of("followers"));
    long p3 = app.post(ann, Seed.of("public"));
    app.post(bo, Seed.of("private"));
    long gone = app.post(bo, Seed.of("public"));
    long p6 = app.post(bo, Seed.of("public"));
    app.delete(gone);

    JsonObject first = app.page(ann, "/api/v1/feed/discover?limit=2");
    assertThat(ids(first)).containsExactly(p6, p3);
    assertThat(first.getString("sort")).isEqualTo("recent");
    assertThat(first.getBoolean("personalized")).isFalse();
    JsonObject second = app.page(ann, "/api/v1/feed/discover?sort=recent&limit=2&cursor=" + first.getString("nextCursor"));
    assertThat(ids(second)).containsExactly(p1);
    assertThat(app.http.get("/api/v1/feed/discover?sort=best", ann.token()).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("Discover 'hot' ranks public posts of the last 72 hours by (likes + 2 comments + 3 shares + 1) / (age in hours + 2)^1.5, paged by position")
  void discoverHot() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    long fresh = app.post(bo, Seed.aged(1, 0, 0, 0));      // 1 / 3^1.5  = 0.19
    long liked = app.post(bo, Seed.aged(10, 10, 0, 0));    // 11 / 12^1.5 = 0.26
    long talked = app.post(bo, Seed.aged(2, 0, 2, 0));     // 5 / 4^1.5  = 0.63
    long shared = app.post(bo, Seed.aged(30, 0, 0, 20));   // 61 / 32^1.5 = 0.34
    app.post(bo, Seed.aged(100, 1000, 0, 0));              // outside the window
    app.post(bo, new Seed("followers", 1, 50, 0, 0, null)); // not public

    JsonObject first = app.page(ann, "/api/v1/feed/discover?sort=hot&limit=3");
    assertThat(ids(first)).containsExactly(talked, shared, liked);
    assertThat(first.getString("nextCursor")).isEqualTo("3");
    JsonObject second = app.page(ann, "/api/v1/feed/discover?sort=hot&limit=3&cursor=3");
    assertThat(ids(second)).containsExactly(fresh);
    assertThat(second.containsKey("nextCursor")).isFalse();
  }

  @Test
  @DisplayName("Hot is boosted toward followed authors only while personalized_recommendations is granted; withdrawing restores the plain order on the next request")
  void personalizedOnlyWithConsent() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    app.follow(ann, bo);
    long popular = app.post(cy, Seed.aged(1, 2, 0, 0));  // 3 / 3^1.5 = 0.58
    long followed = app.post(bo, Seed.aged(1, 1, 0, 0)); // 2 / 3^1.5 = 0.38; x3 = 1.15 when personalized

    JsonObject plain = app.page(ann, "/api/v1/feed/discover?sort=hot");
    assertThat(ids(plain)).containsExactly(popular, followed);
    assertThat(plain.getBoolean("personalized")).isFalse();

    app.consent(ann, true);
    JsonObject personal = app.page(ann, "/api/v1/feed/discover?sort=hot");
    assertThat(ids(personal)).containsExactly(followed, popular);
    assertThat(personal.getBoolean("personalized")).isTrue();
    assertThat(ids(app.page(cy, "/api/v1/feed/discover?sort=hot"))).as("another user's order").containsExactly(popular, followed);

    app.consent(ann, false);
    JsonObject withdrawn = app.page(ann, "/api/v1/feed/discover?sort=hot");
    assertThat(ids(withdrawn)).containsExactly(popular, followed);
    assertThat(withdrawn.getBoolean("personalized")).isFalse();
  }
}
