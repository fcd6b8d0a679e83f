package io.liveroom.social;

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
import java.util.concurrent.CopyOnWriteArrayList;

import static io.liveroom.social.SocialFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Follows over HTTP: idempotent, counted on the profile, listed newest first, refused when they must be")
class FollowHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest()
    .config(c -> c.getJsonObject("social").getJsonObject("follow").put("dailyLimit", 5).put("maxFollowees", 3))
    .build();
  private SocialFixtures app;

  @BeforeEach
  void fixtures() {
    app = new SocialFixtures(node.get());
  }

  @Test
  @DisplayName("Following twice is one follow; the profile shows the counts and the mutual flag; unfollowing twice is fine")
  void idempotentWithCounts() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    assertThat(app.follow(ann, bo).status()).isEqualTo(200);
    TestHttp.Response again = app.follow(ann, bo);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getBoolean("following")).isTrue();
    assertThat(again.json().getBoolean("mutual")).isFalse();

    JsonObject boSeenByAnn = app.profile(ann, bo);
    assertThat(boSeenByAnn.getLong("followerCount")).isEqualTo(1L);
    assertThat(boSeenByAnn.getBoolean("youFollow")).isTrue();
    assertThat(boSeenByAnn.getBoolean("mutual")).isFalse();

    assertThat(app.follow(bo, ann).json().getBoolean("mutual")).isTrue();
    assertThat(app.profile(ann, bo).getBoolean("mutual")).isTrue();
    assertThat(app.profile(bo, ann).getLong("followingCount")).isEqualTo(1L);

    assertThat(app.unfollow(ann, bo).status()).isEqualTo(204);
    assertThat(app.unfollow(ann, bo).status()).isEqualTo(204);
    JsonObject after = app.profile(ann, bo);
    assertThat(after.getLong("followerCount")).isZero();
    assertThat(after.getLong("followingCount")).isEqualTo(1L);
    assertThat(after.getBoolean("followsYou")).isTrue();
    assertThat(after.getBoolean("mutual")).isFalse();
  }

  @Test
  @DisplayName("Following oneself, a blocked user, someone who blocked you, or a cancelled account is refused with its code")
  void refusals() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    Member gone = app.user("gone");
    assertThat(code(app.follow(ann, ann))).isEqualTo("follow_self");
    assertThat(app.block(ann, bo).status()).isEqualTo(204);
    TestHttp.Response blocked = app.follow(ann, bo);
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(code(blocked)).isEqualTo("user_blocked");
    assertThat(code(app.follow(bo, ann))).as("the block stands both ways").isEqualTo("user_blocked");
    SocialFixtures.sql("UPDATE users SET status = 'cancelled' WHERE id = ?", gone.id());
    TestHttp.Response cancelled = app.follow(cy, gone);
    assertThat(cancelled.status()).isEqualTo(410);
    assertThat(code(cancelled)).isEqualTo("user_unavailable");
    assertThat(app.send("PUT", "/api/v1/users/999999999/follow", cy).status()).isEqualTo(404);
    assertThat(SocialFixtures.count("SELECT count(*) FROM follows")).isZero();
  }

  @Test
  @DisplayName("The followee cap and the daily number of new follows are enforced; unfollowing does not give a follow back")
  void limits() {
    Member fan = app.user("fan");
    List<Member> stars = List.of(app.user("s1"), app.user("s2"), app.user("s3"), app.user("s4"), app.user("s5"));
    for (int i = 0; i < 3; i++) {
      assertThat(app.follow(fan, stars.get(i)).status()).isEqualTo(200);
    }
    TestHttp.Response capped = app.follow(fan, stars.get(3));
    assertThat(capped.status()).isEqualTo(409);
    assertThat(code(capped)).isEqualTo("followee_cap_reached");
    assertThat(app.follow(fan, stars.get(0)).status()).as("a repeated follow is not new").isEqualTo(200);

    app.unfollow(fan, stars.get(0));
    app.unfollow(fan, stars.get(1));
    assertThat(app.follow(fan, stars.get(3)).status()).as("4th new follow today").isEqualTo(200);
    assertThat(app.follow(fan, stars.get(4)).status()).as("5th new follow today").isEqualTo(200);
    app.unfollow(fan, stars.get(4));
    TestHttp.Response daily = app.follow(fan, stars.get(0));
    assertThat(daily.status()).isEqualTo(429);
    assertThat(code(daily)).isEqualTo("follow_daily_limit");
    assertThat(Long.parseLong(daily.header("Retry-After"))).isBetween(1L, 86_400L);
    assertThat(app.profile(fan, fan).getLong("followingCount")).isEqualTo(2L);
  }

  @Test
  @DisplayName("Follower and following lists page newest first with a cursor, and flag mutual follows")
  void listsPageNewestFirst() {
    Member star = app.user("star");
    Member a = app.user("a");
    Member b = app.user("b");
    Member c = app.user("c");
    app.follow(a, star);
    app.follow(b, star);
    app.follow(c, star);
    app.follow(star, b);

    TestHttp.Response first = app.http.get("/api/v1/users/" + star.id() + "/followers?limit=2", a.token());
    assertThat(first.status()).isEqualTo(200);
    JsonArray items = first.json().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getJsonObject("user").getLong("id")).toList())
      .containsExactly(c.id(), b.id());
    assertThat(items.getJsonObject(1).getBoolean("mutual")).isTrue();
    assertThat(items.getJsonObject(0).getBoolean("mutual")).isFalse();
    String cursor = first.json().getString("nextCursor");
    assertThat(cursor).isNotNull();

    JsonObject second = app.http.get("/api/v1/users/" + star.id() + "/followers?limit=2&cursor=" + cursor, a.token()).json();
    assertThat(second.getJsonArray("items").getJsonObject(0).getJsonObject("user").getLong("id")).isEqualTo(a.id());
    assertThat(second.containsKey("nextCursor")).isFalse();

    JsonArray following = app.http.get("/api/v1/users/" + b.id() + "/following", b.token()).json().getJsonArray("items");
    assertThat(following.size()).isEqualTo(1);
    assertThat(following.getJsonObject(0).getJsonObject("user").getLong("id")).isEqualTo(star.id());
    assertThat(following.getJsonObject(0).getBoolean("mutual")).isTrue();
  }

  @Test
  @DisplayName("Listeners hear 'X started following Y' once per new follow, not for a repeated one")
  void followListener() {
    List<String> heard = new CopyOnWriteArrayList<>();
    node.get().social().addFollowListener((follower, followee) -> heard.add(follower + "->" + followee));
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    app.follow(ann, bo);
    app.follow(ann, bo);
    assertThat(heard).containsExactly(ann.id() + "->" + bo.id());
  }
}
