package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/**
 * Users with access tokens and authenticated HTTP calls against a real node, plus plain SQL on the
 * test database: what the social, notification, post and feed fixtures all start from. Each of
 * those extends it with the calls of its own API.
 */
public class Members {
  /** A user row and an access token for it. */
  public record Member(long id, String token) {
  }

  public final Node node;
  public final TestHttp http;

  public Members(Node node) {
    this.node = node;
    this.http = new TestHttp(node.httpPort());
  }

  /** A verified adult (may host, chat, post and send gifts). */
  public Member user(String nickname) {
    return member(nickname, Role.USER);
  }

  /** A verified adult with the given role (a moderator, an admin). */
  public Member member(String nickname, Role role) {
    long id = RewardFixtures.user(nickname, true, LocalDate.of(1990, 1, 1), role);
    return new Member(id, RewardFixtures.token(node, id, role));
  }

  /** An authenticated call, with a JSON body when there is one. */
  public TestHttp.Response send(String method, String path, JsonObject body, Member as) {
    return http.send(method, path, body == null ? null : body.encode(), body == null
      ? Map.of("Authorization", "Bearer " + as.token())
      : Map.of("Authorization", "Bearer " + as.token(), "Content-Type", "application/json"));
  }

  public TestHttp.Response send(String method, String path, Member as) {
    return send(method, path, null, as);
  }

  /** The error code of a problem response. */
  public static String code(TestHttp.Response r) {
    return r.json().getString("code");
  }

  public static void sql(String statement, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(statement)) {
      bind(st, args);
      st.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of a query returning a number (a count). */
  public static long count(String query, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(query)) {
      bind(st, args);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement st, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      st.setObject(i + 1, args[i]);
    }
  }
}
