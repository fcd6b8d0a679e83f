package io.liveroom.post;

import io.liveroom.support.Members.Member;
import io.liveroom.support.ConcurrentRequests;
import io.liveroom.support.LiveNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Like counts stay exact under concurrent likes and unlikes on a node with four event loops")
class CrossLoopPostLikeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().loops(4).build();
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static HttpRequest like(String method, long postId, Member as) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/posts/" + postId + "/like"))
      .timeout(BOUND).header("Authorization", "Bearer " + as.token())
      .method(method, HttpRequest.BodyPublishers.noBody()).build();
  }

  @Test
  @DisplayName("Many connections like, re-like and unlike one post at once; every answer is 200 and the count equals the rows")
  void countsExact() {
    PostFixtures app = new PostFixtures(node.get());
    Member author = app.user("author");
    long post = app.post(author, "like me", "public").getLong("id");
    List<Member> fans = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fans.add(app.user("fan" + i));
    }
    List<HttpRequest> calls = new ArrayList<>();
    for (int i = 0; i < fans.size(); i++) {
      Member fan = fans.get(i);
      calls.add(like("PUT", post, fan));
      calls.add(like("PUT", post, fan));
      if (i % 3 == 0) {
        calls.add(like("DELETE", post, fan));
      }
    }
    Collections.shuffle(calls);
    List<HttpResponse<String>> answers = ConcurrentRequests.fire(calls);
    assertThat(answers).allMatch(r -> r.statusCode() == 200);

    long rows = PostFixtures.count("SELECT count(*) FROM post_likes WHERE post_id = ?", post);
    long counted = PostFixtures.count("SELECT like_count FROM posts WHERE id = ?", post);
    assertThat(counted).as("like_count equals the rows after races").isEqualTo(rows);
    assertThat(rows).isBetween(26L, 40L);

    // A second round settles every fan's final state: unlike a third of them, like the rest.
    List<HttpRequest> settle = new ArrayList<>();
    for (int i = 0; i < fans.size(); i++) {
      settle.add(like(i % 3 == 0 ? "DELETE" : "PUT", post, fans.get(i)));
      settle.add(like(i % 3 == 0 ? "DELETE" : "PUT", post, fans.get(i)));
    }
    Collections.shuffle(settle);
    assertThat(ConcurrentRequests.fire(settle)).allMatch(r -> r.statusCode() == 200);
    assertThat(PostFixtures.count("SELECT like_count FROM posts WHERE id = ?", post)).isEqualTo(26L);
    assertThat(PostFixtures.count("SELECT count(*) FROM post_likes WHERE post_id = ?", post)).isEqualTo(26L);
    assertThat(app.get(post, fans.get(1)).json().getBoolean("likedByMe")).isTrue();
    assertThat(app.get(post, fans.get(0)).json().getBoolean("likedByMe")).isFalse();
  }
}
