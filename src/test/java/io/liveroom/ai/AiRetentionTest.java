package io.liveroom.ai;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestInfra;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AI conversations idle past the retention period are purged, messages with them")
class AiRetentionTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();

  @Test
  @DisplayName("An old conversation goes, a recent one stays")
  void purgesOnlyIdleConversations() throws Exception {
    long user;
    try (Connection c = TestInfra.get().jdbc()) {
      user = insert(c, "INSERT INTO users (nickname) VALUES ('retained') RETURNING id");
      long old = insert(c, "INSERT INTO ai_conversations (user_id, title, updated_at) VALUES (" + user
        + ", 'old', now() - interval '200 days') RETURNING id");
      insert(c, "INSERT INTO ai_messages (conversation_id, role, content, status, generation_id) VALUES (" + old
        + ", 'user', 'old question', 'complete', gen_random_uuid()) RETURNING id");
      insert(c, "INSERT INTO ai_conversations (user_id, title) VALUES (" + user + ", 'recent') RETURNING id");
    }
    int purged = new AiPersonalData(node.get().pool()).purgeOlderThan(Instant.now().minus(180, ChronoUnit.DAYS), 100)
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(purged).isEqualTo(1);
    try (Connection c = TestInfra.get().jdbc()) {
      assertThat(single(c, "SELECT string_agg(title, ',') FROM ai_conversations WHERE user_id = " + user)).isEqualTo("recent");
      assertThat(single(c, "SELECT count(*)::text FROM ai_messages WHERE content = 'old question'")).isEqualTo("0");
    }
  }

  private static long insert(Connection c, String sql) throws Exception {
    try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String single(Connection c, String sql) throws Exception {
    try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
