package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Revoked sessions and disabled accounts reach the real-time core's disconnects")
class RealtimeSessionEventsTest {
  /** Records the disconnects the accounts capability asks for (the real core: SessionSocketTest). */
  static final class RecordingRealtime implements Realtime {
    final List<String> disconnects = new CopyOnWriteArrayList<>();

    @Override
    public Future<PublishResult> publish(String channel, JsonObject data) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Void> sendToUser(long userId, JsonObject data) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Void> disconnectUser(long userId, DisconnectCode code) {
      disconnects.add(userId + ":" + code.name());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> disconnectSession(long userId, String sessionId, DisconnectCode code) {
      disconnects.add(userId + ":" + sessionId + ":" + code.name());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> unsubscribeUser(long userId, String channel) {
      return Future.failedFuture("not used");
    }

    @Override
    public String personalChannel(long userId) {
      return "#" + userId;
    }

    @Override
    public Future<PresenceStats> presenceStats(String channel) {
      return Future.failedFuture(new UnsupportedOperationException("presence is not recorded by this test double"));
    }

    @Override
    public void onConnectionClosed(ConnectionListener listener) {
      throw new UnsupportedOperationException("connections are not simulated by this test double");
    }
  }

  @Test
  @DisplayName("Logout disconnects that session with session_revoked (terminal); a ban the whole user with account_disabled")
  void mapping() {
    TestInfra.get().reset();
    String adminPhone = TestUsers.newPhone();
    Node node = TestNodes.start(json -> json.getJsonObject("accounts").put("adminPhones",
      new io.vertx.core.json.JsonArray().add(adminPhone)));
    RecordingRealtime realtime = new RecordingRealtime();
    node.accounts().events().add(new RealtimeSessionEvents(realtime));
    try {
      TestHttp http = new TestHttp(node.httpPort());
      TestUsers.TestUser u = TestUsers.register(http);
      TestUsers.TestUser admin = TestUsers.register(http, adminPhone, "admin");
      assertThat(http.post("/api/v1/auth/logout", null, u.accessToken()).status()).isEqualTo(204);
      assertThat(realtime.disconnects).containsExactly(u.id() + ":" + u.sessionId() + ":SESSION_REVOKED");
      assertThat(DisconnectCode.SESSION_REVOKED.reconnect()).isFalse();

      assertThat(http.post("/api/v1/admin/users/" + u.id() + "/status",
        new JsonObject().put("status", "banned").put("reason", "fraud"), admin.accessToken()).status()).isEqualTo(204);
      assertThat(realtime.disconnects).endsWith(u.id() + ":ACCOUNT_DISABLED");
    } finally {
      TestNodes.stop(node);
    }
  }
}
