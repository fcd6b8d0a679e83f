package io.liveroom.ai;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A usage row survives a database hiccup: the write is retried, and counted once")
class UsageRetryTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();

  @Test
  @DisplayName("While ai_usage is unavailable the write waits and retries; once it is back the row lands exactly once")
  void retriedUntilStored() throws Exception {
    long user;
    UUID generation = UUID.randomUUID();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("INSERT INTO users (nickname) VALUES ('usage') RETURNING id")) {
        rs.next();
        user = rs.getLong(1);
      }
      st.execute("ALTER TABLE ai_usage RENAME TO ai_usage_offline");
    }
    Tuple row = Tuple.tuple().addLong(user).addUUID(generation).addString("socket").addString("simulated")
      .addString("simulated").addString("complete").addString(null).addInteger(3).addInteger(5)
      .addBoolean(true).addInteger(12).addInteger(40);
    Future<Void> written = new UsageRepository(node.get().vertx(), node.get().pool()).write(row);
    // The point is a stretch of time: with the table away, the write must still be pending after
    // several retry intervals (100 ms, then doubling), not failed or given up.
    Thread.sleep(600);
    assertThat(written.isComplete()).as("still retrying while the table is away").isFalse();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE ai_usage_offline RENAME TO ai_usage");
    }
    written.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM ai_usage WHERE generation_id = '" + generation + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
