package io.liveroom.privacy;

import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows in every category privacy covers, written straight into PostgreSQL, and small HTTP helpers. */
final class PrivacyFixtures {
  private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis() << 10);

  private PrivacyFixtures() {
  }

  static long update(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      if (st.execute()) {
        try (ResultSet rs = st.getResultSet()) {
          return rs.next() ? rs.getLong(1) : -1;
        }
      }
      return st.getUpdateCount();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object value(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String sql, Object... args) {
    return ((Number) value(sql, args)).longValue();
  }

  static long room(long hostId, String title) {
    return update("INSERT INTO rooms (host_id, title, category, stream_key_hash) VALUES (?, ?, 'chat', ?) RETURNING id",
      hostId, title, new byte[32]);
  }

  static long chat(long roomId, long senderId, String text) {
    long id = MESSAGE_IDS.incrementAndGet();
    update("INSERT INTO chat_messages (id, room_id, sender_id, text, sent_at) VALUES (?, ?, ?, ?, now())",
      id, roomId, senderId, text);
    return id;
  }

  /** An identity record with a known blind index (the test checks it is gone after erasure). */
  static byte[] identity(long userId, String maskedName) {
    byte[] idx = new byte[32];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(idx);
    update("""
      INSERT INTO user_identities (user_id, key_id, name_enc, number_enc, number_idx, name_masked, number_masked, provider)
      VALUES (?, 'k1', ?, ?, ?, ?, '1**************2', 'local')""", userId, new byte[16], new byte[16], idx, maskedName);
    update("UPDATE users SET identity_verified = true, birth_date = '1990-01-01' WHERE id = ?", userId);
    return idx;
  }

  static void grantLocation(TestHttp http, String token) {
    TestHttp.Response r = http.send("PUT", "/api/v1/me/consents/location", new JsonObject().put("granted", true)
        .put("policyVersion", TestUsers.policyVersion()).put("source", "app").encode(),
      Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    assertThat(r.status()).as("consent: %s", r).isEqualTo(200);
  }

  static void shareLocation(TestHttp http, String token) {
    TestHttp.Response r = http.send("PUT", "/api/v1/me/location", new JsonObject().put("lat", 31.23).put("lng", 121.47).encode(),
      Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    assertThat(r.status()).as("location: %s", r).isBetween(200, 204);
  }

  static TestHttp.Response delete(TestHttp http, String path, Map<String, String> headers) {
    return http.send("DELETE", path, null, headers);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
