package io.liveroom.ai;

import io.liveroom.auth.Role;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Today's AI token budget survives Redis losing its data: it is refilled from the usage ledger")
class TokenBudgetAfterWipeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", 1000).put("replyTokens", 20))
    .build();

  @Test
  @DisplayName("After FLUSHALL the user's tokens used today are back in Redis within seconds, as ai_usage records them")
  void budgetRefilled() {
    TestHttp http = node.http();
    long userId = AiTests.newUser();
    String token = node.get().accessTokens().issue(userId, Role.USER, "s1");
    JsonObject body = new JsonObject().put("model", "simulated").put("messages", new JsonArray()
      .add(new JsonObject().put("role", "user").put("content", "Hello there")));
    assertThat(http.post("/v1/chat/completions", body, token).status()).isEqualTo(200);
    assertThat(Await.within(5_000, () -> usageRows(userId) == 1)).as("usage recorded in PostgreSQL").isTrue();
    String dayKey = AiQuotas.dayKey(userId, Instant.now());
    long used = Long.parseLong(RedisProbe.command(TestInfra.get().redisUrl(), "GET", dayKey));
    assertThat(used).isGreaterThan(20);

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    assertThat(Await.within(5_000, () -> String.valueOf(used).equals(RedisProbe.command(TestInfra.get().redisUrl(), "GET",
      dayKey)))).as("tokens used today refilled").isTrue();
  }

  private static long usageRows(long userId) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("SELECT count(*) FROM ai_usage WHERE user_id = ?")) {
      st.setLong(1, userId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
