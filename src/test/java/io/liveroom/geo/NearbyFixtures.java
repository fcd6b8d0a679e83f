package io.liveroom.geo;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users, tokens and the Nearby calls the geo tests repeat, each one line of the API. */
final class NearbyFixtures {
  static final LocalDate ADULT = LocalDate.of(1990, 5, 1);
  static final String POLICY = "2026-01";

  private final Node node;
  private final TestHttp http;

  NearbyFixtures(Node node, TestHttp http) {
    this.node = node;
    this.http = http;
  }

  /** A user row as the accounts capability would create it (current policy accepted); a null birth date is an unknown age. */
  static long createUser(String nickname, LocalDate birthDate) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement(
           "INSERT INTO users (nickname, birth_date, policy_version) VALUES (?, ?, ?) RETURNING id")) {
      st.setString(1, nickname);
      st.setObject(2, birthDate);
      st.setString(3, io.liveroom.support.TestUsers.policyVersion());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void block(long blocker, long blocked) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES (?, ?)")) {
      st.setLong(1, blocker);
      st.setLong(2, blocked);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String token(long userId) {
    return node.accessTokens().issue(userId, Role.USER, "session-" + userId);
  }

  /** A user with a token, optionally with location consent and Nearby visibility. */
  String user(String nickname, LocalDate birthDate, boolean consent, boolean visible) {
    String token = token(createUser(nickname, birthDate));
    if (consent) {
      assertOk(consent(token, "location", true));
    }
    if (visible) {
      assertOk(put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", true), token));
    }
    return token;
  }

  TestHttp.Response consent(String token, String purpose, boolean granted) {
    return put("/api/v1/me/consents/" + purpose, new JsonObject().put("granted", granted).put("policyVersion", POLICY)
      .put("source", "app"), token);
  }

  TestHttp.Response locate(String token, double lat, double lng) {
    return put("/api/v1/me/location", new JsonObject().put("lat", lat).put("lng", lng).put("accuracy", 15), token);
  }

  TestHttp.Response put(String path, JsonObject body, String token) {
    return http.send("PUT", path, body.encode(), Map.of("Authorization", "Bearer " + token));
  }

  TestHttp.Response post(String path, JsonObject body, String token) {
    return http.post(path, body, token);
  }

  /**
   * Marks a user identity-verified, as a passed real-name check would (hosting needs it), with a
   * phone on the account (hosting needs one too); a random index stands for the number.
   */
  static void markVerified(long userId) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("UPDATE users SET identity_verified = true,"
           + " phone_idx = COALESCE(phone_idx, decode(md5(random()::text || clock_timestamp()::text), 'hex'))"
           + " WHERE id = ?")) {
      st.setLong(1, userId);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  TestHttp.Response putRaw(String path, String body, String token) {
    return http.send("PUT", path, body, Map.of("Authorization", "Bearer " + token));
  }

  TestHttp.Response delete(String path, String token) {
    return http.send("DELETE", path, null, Map.of("Authorization", "Bearer " + token));
  }

  TestHttp.Response get(String path, String token) {
    return http.get(path, token);
  }

  /** The user ids in a Nearby users answer. */
  static List<Long> userIds(TestHttp.Response r) {
    List<Long> out = new ArrayList<>();
    JsonArray users = r.json().getJsonArray("users");
    for (int i = 0; i < users.size(); i++) {
      out.add(users.getJsonObject(i).getLong("userId"));
    }
    return out;
  }

  static long subject(String token) {
    String payload = token.split("\\.")[1];
    return Long.parseLong(new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload))).getString("sub"));
  }

  static void assertOk(TestHttp.Response r) {
    if (r.status() != 200) {
      throw new AssertionError("Expected 200, got " + r);
    }
  }
}
