package io.liveroom.social;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Users with tokens, and the HTTP calls of the social API, against a real node. */
final class SocialFixtures {
  /** A user row and an access token for it. */
  record Member(long id, String token) {
  }

  final Node node;
  final TestHttp http;

  SocialFixtures(Node node) {
    this.node = node;
    this.http = new TestHttp(node.httpPort());
  }

  /** A verified adult (may host, chat and send gifts). */
  Member user(String nickname) {
    long id = RewardFixtures.user(nickname, true, LocalDate.of(1990, 1, 1), Role.USER);
    return new Member(id, RewardFixtures.token(node, id, Role.USER));
  }

  TestHttp.Response send(String method, String path, Member as) {
    return http.send(method, path, null, Map.of("Authorization", "Bearer " + as.token()));
  }

  TestHttp.Response follow(Member who, Member whom) {
    return send("PUT", "/api/v1/users/" + whom.id() + "/follow", who);
  }

  TestHttp.Response unfollow(Member who, Member whom) {
    return send("DELETE", "/api/v1/users/" + whom.id() + "/follow", who);
  }

  TestHttp.Response block(Member who, Member whom) {
    return send("PUT", "/api/v1/users/" + whom.id() + "/block", who);
  }

  JsonObject profile(Member viewer, Member user) {
    TestHttp.Response r = http.get("/api/v1/users/" + user.id(), viewer.token());
    assertThat(r.status()).as("profile: %s", r).isEqualTo(200);
    return r.json();
  }

  /** The error code of a problem response. */
  static String code(TestHttp.Response r) {
    return r.json().getString("code");
  }

  static void sql(String statement, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String query, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
