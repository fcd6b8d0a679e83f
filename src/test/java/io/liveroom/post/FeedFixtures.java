package io.liveroom.post;

import io.liveroom.Node;
import io.liveroom.support.Members;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, follows, blocks and consent through the HTTP API; posts as rows (the posts API is built on
 * another branch; feeds read only the columns set here).
 */
final class FeedFixtures extends Members {
  /** How a seeded post looks: visibility, age in hours, likes, comments, shares, what it shares. */
  record Seed(String visibility, double hoursAgo, int likes, int comments, int shares, Long repostOf) {
    static Seed of(String visibility) {
      return new Seed(visibility, 0, 0, 0, 0, null);
    }

    static Seed aged(double hoursAgo, int likes, int comments, int shares) {
      return new Seed("public", hoursAgo, likes, comments, shares, null);
    }
  }


  FeedFixtures(Node node) {
    super(node);
  }

  void follow(Member who, Member whom) {
    TestHttp.Response r = http.put("/api/v1/users/" + whom.id() + "/follow", new JsonObject(), who.token());
    assertThat(r.status()).as("follow: %s", r).isEqualTo(200);
  }

  void block(Member who, Member whom) {
    TestHttp.Response r = http.put("/api/v1/users/" + whom.id() + "/block", new JsonObject(), who.token());
    assertThat(r.status()).as("block: %s", r).isEqualTo(204);
  }

  void consent(Member who, boolean granted) {
    TestHttp.Response r = http.put("/api/v1/me/consents/personalized_recommendations",
      new JsonObject().put("granted", granted).put("policyVersion", TestUsers.policyVersion()), who.token());
    assertThat(r.status()).as("consent: %s", r).isEqualTo(200);
  }

  /** A post row by {@code author}; returns its id (ids grow with each insert, as in production). */
  long post(Member author, Seed s) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(
      "INSERT INTO posts (author_id, body, visibility, like_count, comment_count, share_count, repost_of, created_at)"
        + " VALUES (?, 'text', ?, ?, ?, ?, ?, now() - make_interval(secs => ?)) RETURNING id")) {
      st.setLong(1, author.id());
      st.setString(2, s.visibility());
      st.setInt(3, s.likes());
      st.setInt(4, s.comments());
      st.setInt(5, s.shares());
      st.setObject(6, s.repostOf());
      st.setDouble(7, s.hoursAgo() * 3600);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sql(String statement, long id) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(statement)) {
      st.setLong(1, id);
      st.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void delete(long postId) {
    sql("UPDATE posts SET deleted_at = now() WHERE id = ?", postId);
  }

  void freeze(long postId) {
    sql("UPDATE posts SET frozen = true WHERE id = ?", postId);
  }

  /** GET a feed page; fails the test unless it is a 200. */
  JsonObject page(Member viewer, String pathAndQuery) {
    TestHttp.Response r = http.get(pathAndQuery, viewer.token());
    assertThat(r.status()).as("GET %s: %s", pathAndQuery, r).isEqualTo(200);
    return r.json();
  }

  static List<Long> ids(JsonObject page) {
    JsonArray items = page.getJsonArray("items");
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(items.getJsonObject(i).getLong("id"));
    }
    return out;
  }
}
