package io.liveroom.notification;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.jobs.JobStatus;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows the fan-out tests need in bulk (users, follows, mutes, settings), written straight to
 * PostgreSQL: accounts and social are not what is under test, and 20,000 follows through the API
 * would take minutes. Rooms go live through the node's real API.
 */
final class FanoutFixture {
  private FanoutFixture() {
  }

  /** A verified adult host with a phone (hosting needs both). */
  static long host(String nickname) {
    return queryLong("INSERT INTO users (nickname, identity_verified, birth_date, phone_idx)"
      + " VALUES (?, true, DATE '1990-01-01', decode(md5(random()::text || clock_timestamp()::text), 'hex'))"
      + " RETURNING id", nickname);
  }

  /** {@code count} new users following {@code hostId}; returns the smallest of their ids. */
  static long followers(long hostId, int count) {
    return queryLong("WITH u AS (INSERT INTO users (nickname) SELECT 'fan-' || g FROM generate_series(1, ?) g"
      + " RETURNING id), f AS (INSERT INTO follows (follower_id, followee_id) SELECT id, ? FROM u RETURNING follower_id)"
      + " SELECT min(follower_id) FROM f", count, hostId);
  }

  static void mute(long userId, long hostId) {
    update("INSERT INTO notification_muted_hosts (user_id, host_id) VALUES (?, ?)", userId, hostId);
  }

  static void goingLiveInApp(long userId, boolean on) {
    update("INSERT INTO notification_settings (user_id, kind, in_app, push) VALUES (?, 'going_live', ?, true)",
      userId, on);
  }

  /** A push device (an android phone on FCM) for every {@code step}-th user id from {@code from} to {@code to}. */
  static void devices(long from, long to, int step) {
    update("INSERT INTO push_devices (user_id, session_id, platform, provider, token)"
      + " SELECT g, md5(g::text)::uuid, 'android', 'fcm', 'fanout-device-' || g FROM generate_series(?, ?, ?) g",
      from, to, (long) step);
  }

  static String token(Node node, long userId) {
    return node.accessTokens().issue(userId, Role.USER, "s-" + userId);
  }

  /** Creates the host's room through the API; returns its id. */
  static long room(TestHttp http, String hostToken) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Going live")
      .put("category", "music"), hostToken);
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    return created.json().getJsonObject("room").getLong("id");
  }

  /** Starts the room through the API; returns the live session's id. */
  static long start(TestHttp http, String hostToken, long roomId) {
    TestHttp.Response started = http.post("/api/v1/rooms/" + roomId + "/start", null, hostToken);
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    return started.json().getLong("sessionId");
  }

  static void end(TestHttp http, String hostToken, long roomId) {
    assertThat(http.post("/api/v1/rooms/" + roomId + "/end", null, hostToken).status()).isEqualTo(200);
  }

  /** Going-live rows of the session: all of them. */
  static long rows(long sessionId) {
    return queryLong("SELECT count(*) FROM notifications WHERE kind = 'going_live' AND dedupe_key = ?",
      "live/" + sessionId);
  }

  /** Going-live rows of the session: distinct users (equal to {@link #rows} when none is duplicated). */
  static long users(long sessionId) {
    return queryLong("SELECT count(DISTINCT user_id) FROM notifications WHERE kind = 'going_live' AND dedupe_key = ?",
      "live/" + sessionId);
  }

  static long queryLong(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, args);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String queryString(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, args);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void update(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, args);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement st, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      st.setObject(i + 1, args[i]);
    }
  }

  static JobStatus status(Node node, long sessionId) {
    return await(node.notifications().fanoutStatus(sessionId));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
