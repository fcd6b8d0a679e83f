package io.liveroom.web;

import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("web.enabled=false: an API-only node serves no pages and accepts only configured origins")
class WebDisabledTest {
  private static Node node;
  private static TestHttp http;

  @BeforeAll
  static void boot() {
    TestInfra.get().reset();
    node = TestNodes.start(json -> json.getJsonObject("web").put("enabled", false));
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void shutdown() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("/, the modules and /docs are problem+json 404s with the API's headers; the API still answers")
  void noPages() {
    for (String path : new String[] {"/", "/index.html", "/js/api.js", "/docs/"}) {
      TestHttp.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }
    assertThat(http.get("/api/v1/policy").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("The node's own origin is refused on the WebSocket, as any unlisted origin; no Origin still connects")
  void ownOriginRefused() {
    int port = node.httpPort();
    assertThatThrownBy(() -> TestSocket.open(port, Map.of("Origin", "http://127.0.0.1:" + port)))
      .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("403");
    try (TestSocket ws = TestSocket.open(port)) {
      assertThat(ws).isNotNull();
    }
  }
}
