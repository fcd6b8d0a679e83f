package io.liveroom.ai;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
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

@DisplayName("Today's AI picture quota survives Redis losing its data: the day's count is rebuilt from ai_image_usage")
class PaintQuotaAfterWipeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("ai").getJsonObject("paint").put("sizes", new JsonArray().add("128x128"))
      .put("quota", new JsonObject().put("imagesPerDay", 2).put("concurrentGenerations", 2))
      .getJsonObject("simulated").put("partialImages", 0).put("stepMs", 20).put("previewSide", 16))
    .build();
  private static final TestHttp http = node.http();

  private static JsonObject request(String prompt) {
    return new JsonObject().put("model", "gpt-image-1").put("prompt", prompt).put("n", 1).put("size", "128x128");
  }

  @Test
  @DisplayName("A user who used both of today's pictures is still refused after FLUSHALL, and the count is back in Redis")
  void quotaHoldsAfterWipe() {
    TestUser u = TestUsers.register(http);
    assertThat(http.post("/v1/images/generations", request("a lake"), u.accessToken()).status()).isEqualTo(200);
    assertThat(http.post("/v1/images/generations", request("a hill"), u.accessToken()).status()).isEqualTo(200);
    assertThat(http.post("/v1/images/generations", request("a tree"), u.accessToken()).status())
      .as("the third picture of the day").isEqualTo(429);
    assertThat(Await.within(5_000, () -> usageRows(u.id()) == 2)).as("both pictures in the ledger").isTrue();

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    TestHttp.Response after = http.post("/v1/images/generations", request("a tree"), u.accessToken());
    assertThat(after.status()).as("%s", after).isEqualTo(429);
    assertThat(after.json().getJsonObject("error").getString("code")).isEqualTo("ai_image_quota_exceeded");
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GET", PaintQuotas.dayKey(u.id(), Instant.now())))
      .as("the day's count rebuilt in Redis").isEqualTo("2");
  }

  @Test
  @DisplayName("A user with one picture today gets exactly one more after FLUSHALL")
  void remainingAfterWipe() {
    TestUser u = TestUsers.register(http);
    assertThat(http.post("/v1/images/generations", request("a lake"), u.accessToken()).status()).isEqualTo(200);
    assertThat(Await.within(5_000, () -> usageRows(u.id()) == 1)).as("the picture in the ledger").isTrue();

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    assertThat(http.post("/v1/images/generations", request("a hill"), u.accessToken()).status()).isEqualTo(200);
    assertThat(http.post("/v1/images/generations", request("a tree"), u.accessToken()).status()).isEqualTo(429);
  }

  private static long usageRows(long userId) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("SELECT count(*) FROM ai_image_usage WHERE user_id = ?")) {
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
