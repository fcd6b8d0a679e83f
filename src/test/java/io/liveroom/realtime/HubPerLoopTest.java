package io.liveroom.realtime;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Connections share their event loop's hub: one hub per loop, however many connections come and go")
class HubPerLoopTest {
  @Test
  @DisplayName("ten connections on a one-loop node make one hub (the upgrade's duplicated context is not a new loop)")
  void oneHubPerLoop() {
    Node node = TestNodes.start();
    List<TestSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        TestSocket ws = TestSocket.open(node.httpPort());
        sockets.add(ws);
        ws.connect(node.accessTokens().issue(950 + i, Role.USER, "hub-" + i));
      }
      assertThat(sockets.get(9).request("ping", new JsonObject()).containsKey("ping")).isTrue();
      assertThat(node.realtimeServer().connectionCount()).isEqualTo(10);
      assertThat(node.realtimeServer().hubCount()).isEqualTo(1);
    } finally {
      sockets.forEach(TestSocket::close);
      TestNodes.stop(node);
    }
  }
}
