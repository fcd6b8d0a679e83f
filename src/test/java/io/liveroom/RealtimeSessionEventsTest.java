package io.liveroom;

import io.liveroom.RealtimeSessionEvents;
import io.liveroom.support.RecordingRealtime;
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
      assertThat(disconnects(realtime)).containsExactly(u.id() + ":" + u.sessionId() + ":SESSION_REVOKED");
      assertThat(DisconnectCode.SESSION_REVOKED.reconnect()).isFalse();

      assertThat(http.post("/api/v1/admin/users/" + u.id() + "/status",
        new JsonObject().put("status", "banned").put("reason", "fraud"), admin.accessToken()).status()).isEqualTo(204);
      assertThat(disconnects(realtime)).endsWith(u.id() + ":ACCOUNT_DISABLED");
    } finally {
      TestNodes.stop(node);
    }
  }

  private static List<String> disconnects(RecordingRealtime realtime) {
    return realtime.disconnects.stream()
      .map(d -> d.userId() + (d.sessionId() == null ? "" : ":" + d.sessionId()) + ":" + d.code().name()).toList();
  }
}
