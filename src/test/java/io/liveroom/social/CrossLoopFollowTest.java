package io.liveroom.social;

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

@DisplayName("Follow counts stay exact under concurrent follows, unfollows and blocks on a node with two event loops")
class CrossLoopFollowTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().loops(2).build();
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static HttpRequest call(String method, String path, Member as) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).timeout(BOUND)
      .header("Authorization", "Bearer " + as.token()).method(method, HttpRequest.BodyPublishers.noBody()).build();
  }

  private static HttpRequest follow(String method, Member who, Member whom) {
    return call(method, "/api/v1/users/" + whom.id() + "/follow", who);
  }

  @Test
  @DisplayName("Many connections follow and unfollow one host (and the host them) at once; every count equals its rows")
  void countsExact() {
    SocialFixtures app = new SocialFixtures(node.get());
    Member host = app.user("host");
    List<Member> fans = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fans.add(app.user("fan" + i));
    }
    List<HttpRequest> first = new ArrayList<>();
    for (Member fan : fans) {
      first.add(follow("PUT", fan, host));
      first.add(follow("PUT", fan, host));
      first.add(follow("PUT", host, fan));
    }
    Collections.shuffle(first);
    assertThat(ConcurrentRequests.fire(first)).allMatch(r -> r.statusCode() == 200);

    List<HttpRequest> second = new ArrayList<>();
    for (int i = 0; i < fans.size(); i++) {
      Member fan = fans.get(i);
      second.add(follow(i % 2 == 0 ? "DELETE" : "PUT", fan, host));
      second.add(follow(i % 3 == 0 ? "DELETE" : "PUT", host, fan));
      if (i % 5 == 0) {
        second.add(call("PUT", "/api/v1/users/" + host.id() + "/block", fan));
      }
    }
    Collections.shuffle(second);
    List<HttpResponse<String>> answers = ConcurrentRequests.fire(second);
    assertThat(answers).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 204 || r.statusCode() == 403);

    assertThat(SocialFixtures.count("""
      SELECT count(*) FROM follow_counts c WHERE c.followers <> (SELECT count(*) FROM follows WHERE followee_id = c.user_id)
         OR c.following <> (SELECT count(*) FROM follows WHERE follower_id = c.user_id)""")).as("counts off").isZero();
    long expectedFollowers = 0;
    for (int i = 0; i < fans.size(); i++) {
      expectedFollowers += (i % 2 != 0 && i % 5 != 0) ? 1 : 0;
    }
    assertThat(app.profile(host, host).getLong("followerCount")).isEqualTo(expectedFollowers);
    assertThat(SocialFixtures.count("""
      SELECT count(*) FROM follows f JOIN user_blocks b ON (b.blocker_id = f.follower_id AND b.blocked_id = f.followee_id)
         OR (b.blocker_id = f.followee_id AND b.blocked_id = f.follower_id)""")).as("follows across a block").isZero();
  }
}
