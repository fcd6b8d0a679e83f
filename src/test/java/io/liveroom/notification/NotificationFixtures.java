package io.liveroom.notification;

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

/** Users with tokens, and the HTTP calls of the notification API, against a real node. */
final class NotificationFixtures {
  /** A user row and an access token for it. */
  record Member(long id, String token) {
  }

  final Node node;
  final TestHttp http;

  NotificationFixtures(Node node) {
    this.node = node;
    this.http = new TestHttp(node.httpPort());
  }

  Member user(String nickname) {
    long id = RewardFixtures.user(nickname, true, LocalDate.of(1990, 1, 1), Role.USER);
    return new Member(id, RewardFixtures.token(node, id, Role.USER));
  }

  TestHttp.Response send(String method, String path, Member as) {
    return http.send(method, path, null, Map.of("Authorization", "Bearer " + as.token()));
  }

  TestHttp.Response follow(Member who, Member whom) {
    TestHttp.Response r = send("PUT", "/api/v1/users/" + whom.id() + "/follow", who);
    assertThat(r.status()).as("follow: %s", r).isEqualTo(200);
    return r;
  }

  JsonObject inbox(Member who, String query) {
    TestHttp.Response r = http.get("/api/v1/me/notifications" + query, who.token());
    assertThat(r.status()).as("inbox: %s", r).isEqualTo(200);
    return r.json();
  }

  long unread(Member who) {
    TestHttp.Response r = http.get("/api/v1/me/notifications/unread-count", who.token());
    assertThat(r.status()).as("unread: %s", r).isEqualTo(200);
    return r.json().getLong("count");
  }

  TestHttp.Response putSettings(Member who, JsonObject body) {
    return http.put("/api/v1/me/notification-settings", body, who.token());
  }

  /** Delivers through the node's own notifier, as the capabilities' adapters do. */
  void notify(Member to, String kind, Member actor, String dedupeKey) {
    RewardFixtures.await(node.notifications().notifier().notify(to.id(), kind, actor == null ? null : actor.id(),
      "test/1", new JsonObject().put("n", 1), dedupeKey));
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
}
