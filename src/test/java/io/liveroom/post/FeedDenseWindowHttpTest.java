package io.liveroom.post;

import io.liveroom.post.FeedFixtures.Seed;
import io.liveroom.support.LiveNode;
import io.liveroom.support.Members.Member;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.liveroom.post.FeedFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The following feed's two paths: the dense window (the newest {@code posts.feed.denseWindow} posts)
 * and the per-followee path below it. The window is 3 posts here, so a handful of rows crosses the
 * boundary many times; FeedHttpTest covers the same rules with the default window.
 */
@DisplayName("Following feed across its dense window and per-followee path: same rules, no repeats, no gaps")
class FeedDenseWindowHttpTest {
  private static final int WINDOW = 3;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest()
    .config(c -> c.getJsonObject("posts").put("feed", new JsonObject().put("denseWindow", WINDOW))).build();
  private FeedFixtures app;

  @BeforeEach
  void fixtures() {
    app = new FeedFixtures(node.get());
  }

  @Test
  @DisplayName("A followee who posts rarely still fills the page from below the window, and the rules hold there: no private, deleted or frozen posts, no shares of a deleted original")
  void rareFolloweeBelowTheWindow() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member dan = app.user("dan");
    app.follow(ann, bo);
    long boPublic = app.post(bo, Seed.of("public"));
    long boFollowers = app.post(bo, Seed.of("followers"));
    app.post(bo, Seed.of("private"));
    long boDeleted = app.post(bo, Seed.of("public"));
    long boFrozen = app.post(bo, Seed.of("public"));
    long boShareOfGone = app.post(bo, new Seed("public", 0, 0, 0, 0, boDeleted));
    long boShare = app.post(bo, new Seed("public", 0, 0, 0, 0, boPublic));
    app.delete(boDeleted);
    app.freeze(boFrozen);
    for (int i = 0; i < 4 * WINDOW; i++) {
      app.post(dan, Seed.of("public"));
    }

    JsonObject page = app.page(ann, "/api/v1/feed/following");
    assertThat(ids(page)).as("every one of bo's visible posts is older than the window")
      .containsExactly(boShare, boFollowers, boPublic).doesNotContain(boShareOfGone);
    assertThat(page.containsKey("nextCursor")).isFalse();

    JsonObject two = app.page(ann, "/api/v1/feed/following?limit=2");
    assertThat(ids(two)).containsExactly(boShare, boFollowers);
    assertThat(ids(app.page(ann, "/api/v1/feed/following?limit=2&cursor=" + two.getString("nextCursor"))))
      .containsExactly(boPublic);
  }

  @Test
  @DisplayName("Paging with every limit from 1 to 7 returns exactly the followees' visible posts, newest first, each once, where followees' posts are dense, sparse and mixed")
  void pagingAcrossTheBoundary() {
    Member ann = app.user("ann");
    Member bo = app.user("bo");
    Member cy = app.user("cy");
    Member dan = app.user("dan");
    Member ed = app.user("ed");
    app.follow(ann, bo);
    app.follow(ann, cy);
    app.follow(ann, ed);
    app.block(ed, ann);
    List<Long> expected = new ArrayList<>();
    Set<Long> gone = new HashSet<>();
    // Runs of strangers' posts (longer than the window) between runs of followees' posts, so pages
    // begin and end on both sides of the window's floor.
    int[] strangerRun = {0, 1, 5, 0, 2, 9, 0, 4, 1, 7};
    String[] visibility = {"public", "followers", "private", "public"};
    long lastPublic = 0;
    for (int i = 0; i < 40; i++) {
      for (int s = 0; s < strangerRun[i % strangerRun.length]; s++) {
        app.post(dan, Seed.of("public"));
      }
      Member author = i % 5 == 4 ? ed : i % 2 == 0 ? bo : cy;
      String v = visibility[i % visibility.length];
      boolean share = i % 7 == 3 && lastPublic != 0;
      long id = app.post(author, share ? new Seed("public", 0, 0, 0, 0, lastPublic) : Seed.of(v));
      if (i % 9 == 5) {
        app.delete(id);
        gone.add(id);
      } else if (author != ed && (share || !v.equals("private"))) {
        expected.add(0, id);
      }
      if (!share && v.equals("public") && author != ed && i % 9 != 5) {
        lastPublic = id;
      }
    }
    assertThat(expected).hasSizeGreaterThan(20);

    for (int limit = 1; limit <= 7; limit++) {
      assertThat(walk(ann, limit)).as("limit %d", limit).containsExactlyElementsOf(expected).doesNotContainAnyElementsOf(gone);
    }
  }

  /** Every page of ann's following feed at {@code limit}, concatenated; checks every page but the last is full. */
  private List<Long> walk(Member viewer, int limit) {
    List<Long> all = new ArrayList<>();
    String cursor = null;
    for (int guard = 0; guard < 200; guard++) {
      JsonObject page = app.page(viewer, "/api/v1/feed/following?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      List<Long> ids = ids(page);
      all.addAll(ids);
      cursor = page.getString("nextCursor");
      if (cursor == null) {
        assertThat(ids.size()).as("the last page at limit %d", limit).isLessThan(limit);
        return all;
      }
      assertThat(ids).as("a page with a next cursor at limit %d", limit).hasSize(limit);
    }
    throw new AssertionError("paging did not end at limit " + limit);
  }
}
