package io.liveroom.account;

import io.liveroom.infra.EmbeddedRedisServer;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Revoked sessions stay revoked when Redis loses its data; the gate fails closed when it cannot tell")
class RevocationAfterWipeTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  @AfterEach
  void restore() throws IOException {
    sql("ALTER TABLE IF EXISTS sessions_away RENAME TO sessions");
    EmbeddedRedisServer redis = TestInfra.get().embeddedRedis();
    if (redis != null) {
      redis.start();
    }
  }

  @Test
  @DisplayName("After FLUSHALL a revoked and a logged-out access token are still refused over HTTP (401 session_revoked) "
    + "and on socket connect (4500); a live session still works; the revocations are back in Redis by themselves")
  void revokedAfterWipe() {
    TestUser u = TestUsers.register(http);
    JsonObject tablet = login(u);
    JsonObject laptop = login(u);
    assertThat(http.send("DELETE", "/api/v1/me/sessions/" + u.sessionId(), null,
      Map.of("Authorization", "Bearer " + tablet.getString("accessToken"))).status()).isEqualTo(204);
    assertThat(http.post("/api/v1/auth/logout", null, laptop.getString("accessToken")).status()).isEqualTo(204);

    RedisProbe.flushAll(TestInfra.get().redisUrl());

    for (String stale : List.of(u.accessToken(), laptop.getString("accessToken"))) {
      TestHttp.Response me = http.get("/api/v1/me", stale);
      assertThat(me.status()).as("revoked token after the wipe: %s", me).isEqualTo(401);
      assertThat(me.json().getString("code")).isEqualTo("session_revoked");
      assertThat(connectRefused(stale)).isEqualTo(4500);
    }
    assertThat(http.get("/api/v1/me", tablet.getString("accessToken")).status()).isEqualTo(200);

    assertThat(Await.within(5_000, () -> "1".equals(RedisProbe.command(TestInfra.get().redisUrl(), "EXISTS",
      "acct:revoked:" + u.sessionId())))).as("revocation reloaded into Redis from PostgreSQL").isTrue();
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("Redis wiped and PostgreSQL unable to answer: even a valid token gets 503 service_unavailable over "
    + "HTTP, and a socket connect gets a temporary error (1009) rather than being let in")
  void failsClosedWhenItCannotTell() {
    TestUser u = TestUsers.register(http);
    TestUser other = TestUsers.register(http);
    assertThat(http.post("/api/v1/auth/logout", null, u.accessToken()).status()).isEqualTo(204);

    // The cache cannot be rebuilt, nor the revocation read, while the sessions table is away.
    sql("ALTER TABLE sessions RENAME TO sessions_away");
    RedisProbe.flushAll(TestInfra.get().redisUrl());

    TestHttp.Response me = http.get("/api/v1/me", other.accessToken());
    assertThat(me.status()).as("valid token, nothing can vouch for it: %s", me).isEqualTo(503);
    assertThat(me.json().getString("code")).isEqualTo("service_unavailable");
    TestSocket ws = open();
    JsonObject reply = ws.request("connect", new JsonObject().put("token", u.accessToken()));
    assertThat(reply.getJsonObject("error")).as("connect: %s", reply).isNotNull();
    assertThat(reply.getJsonObject("error").getInteger("code")).isEqualTo(1009);
    assertThat(reply.getJsonObject("error").getBoolean("temporary")).isTrue();

    sql("ALTER TABLE sessions_away RENAME TO sessions");
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me", other.accessToken()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Redis down: PostgreSQL answers the gate (a valid token works, a revoked one is refused), and a "
    + "Redis that comes back empty does not let the revoked token back in")
  void redisDown() {
    EmbeddedRedisServer redis = TestInfra.get().embeddedRedis();
    Assumptions.assumeTrue(redis != null, "needs the embedded Redis; an external one cannot be stopped here");
    TestUser u = TestUsers.register(http);
    TestUser other = TestUsers.register(http);
    assertThat(http.post("/api/v1/auth/logout", null, u.accessToken()).status()).isEqualTo(204);

    redis.stop();
    assertThat(http.get("/api/v1/me", other.accessToken()).status()).isEqualTo(200);
    TestHttp.Response revoked = http.get("/api/v1/me", u.accessToken());
    assertThat(revoked.status()).as("revoked token while Redis is down: %s", revoked).isEqualTo(401);
    assertThat(revoked.json().getString("code")).isEqualTo("session_revoked");

    try {
      redis.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(401);
    assertThat(connectRefused(u.accessToken())).isEqualTo(4500);
    assertThat(http.get("/api/v1/me", other.accessToken()).status()).isEqualTo(200);
  }

  private static JsonObject login(TestUser u) {
    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", u.password()));
    assertThat(login.status()).as("login: %s", login).isEqualTo(200);
    return login.json();
  }

  private TestSocket open() {
    TestSocket ws = node.socket();
    return ws;
  }

  private int connectRefused(String token) {
    TestSocket ws = open();
    ws.send("connect", new JsonObject().put("token", token));
    return ws.awaitClose();
  }

  private static void sql(String statement) {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
