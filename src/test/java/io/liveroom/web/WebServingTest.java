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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A node serves the web app under / with its own headers, and the API keeps its own")
class WebServingTest {
  private static Node node;
  private static TestHttp http;

  @BeforeAll
  static void boot() {
    TestInfra.get().reset();
    node = TestNodes.start();
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void shutdown() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("/ is the Live now page: HTML, revalidated on every use, under a CSP of our own origin only")
  void homePage() {
    TestHttp.Response r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.header("Last-Modified")).isNotNull();
    assertThat(r.body()).contains("<h1>Live now</h1>");
    String csp = r.header("Content-Security-Policy");
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      "frame-ancestors 'none'", "connect-src 'self' ws://127.0.0.1:" + node.httpPort() + " wss://127.0.0.1:" + node.httpPort());
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*", "http:", "https:");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  @DisplayName("An unchanged page is answered 304 to a conditional GET, and HEAD gets the page's headers")
  void conditionalGet() {
    String lastModified = http.get("/signin.html").header("Last-Modified");
    TestHttp.Response r = http.send("GET", "/signin.html", null, Map.of("If-Modified-Since", lastModified));
    assertThat(r.status()).isEqualTo(304);
    TestHttp.Response head = http.send("HEAD", "/signin.html", null, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Cache-Control")).isEqualTo(PageHeaders.REVALIDATE);
    assertThat(head.header("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  @DisplayName("Our ES modules are JavaScript; the SDK module they import is served under a versioned, immutable path")
  void modulesAndVendor() {
    TestHttp.Response module = http.get("/js/centrifuge.js");
    assertThat(module.status()).isEqualTo(200);
    assertThat(module.header("Content-Type")).startsWith("text/javascript");
    assertThat(module.header("Cache-Control")).isEqualTo("no-cache");
    Matcher from = Pattern.compile("from '(/vendor/[^']+)'").matcher(module.body());
    assertThat(from.find()).as("centrifuge.js re-exports the vendored SDK").isTrue();
    TestHttp.Response sdk = http.get(from.group(1));
    assertThat(sdk.status()).isEqualTo(200);
    assertThat(sdk.header("Content-Type")).startsWith("text/javascript");
    assertThat(sdk.header("Cache-Control")).isEqualTo(PageHeaders.IMMUTABLE);
    assertThat(sdk.body()).contains("export {").contains("Centrifuge");
  }

  @Test
  @DisplayName("/docs renders the served OpenAPI file with Swagger UI from the webjar, and serves PROTOCOL.md")
  void apiDocs() {
    TestHttp.Response redirect = http.get("/docs");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo("/docs/");
    TestHttp.Response page = http.get("/docs/");
    assertThat(page.status()).isEqualTo(200);
    String version = SwaggerUi.version();
    assertThat(page.body()).contains("/docs/swagger-ui/" + version + "/swagger-ui-bundle.js")
      .contains("href=\"/docs/PROTOCOL.md\"").doesNotContain("${");
    TestHttp.Response bundle = http.get("/docs/swagger-ui/" + version + "/swagger-ui-bundle.js");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.header("Cache-Control")).isEqualTo(PageHeaders.IMMUTABLE);
    assertThat(http.get("/docs/swagger-ui/" + version + "/swagger-ui.css").header("Content-Type")).startsWith("text/css");
    assertThat(http.get("/js/docs.js").body()).contains("/api/v1/openapi.yaml");
    TestHttp.Response protocol = http.get("/docs/PROTOCOL.md");
    assertThat(protocol.status()).isEqualTo(200);
    assertThat(protocol.header("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
    assertThat(protocol.body()).startsWith("# Liveroom real-time protocol");
  }

  @Test
  @DisplayName("The API keeps its strict headers, and an unknown API path is still a problem+json 404")
  void apiUnchanged() {
    TestHttp.Response policy = http.get("/api/v1/policy");
    assertThat(policy.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    TestHttp.Response missing = http.get("/api/v1/no-such-thing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
    TestHttp.Response noPage = http.get("/no-such-page.html");
    assertThat(noPage.status()).isEqualTo(404);
    assertThat(noPage.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  @DisplayName("Files outside the web root are not reachable through the pages' route")
  void noTraversal() {
    assertThat(http.get("/../conf/application.json").status()).isEqualTo(404);
    assertThat(http.get("/%2e%2e/conf/application.json").status()).isEqualTo(404);
    assertThat(http.get("/conf/application.json").status()).isEqualTo(404);
    assertThat(http.get("/io/liveroom/Main.class").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A page the node served may open the WebSocket; a page from another origin may not")
  void ownOriginSocket() {
    int port = node.httpPort();
    try (TestSocket ws = TestSocket.open(port, Map.of("Origin", "http://127.0.0.1:" + port))) {
      assertThat(ws).isNotNull();
    }
    // Served over https by a TLS-terminating balancer that forwards the browser's Host.
    try (TestSocket ws = TestSocket.open(port, Map.of("Origin", "https://127.0.0.1:" + port))) {
      assertThat(ws).isNotNull();
    }
    assertThatThrownBy(() -> TestSocket.open(port, Map.of("Origin", "http://127.0.0.1:" + (port == 1 ? 2 : port - 1))))
      .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("403");
    assertThatThrownBy(() -> TestSocket.open(port, Map.of("Origin", "https://evil.example")))
      .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("403");
    assertThatThrownBy(() -> TestSocket.open(port, Map.of("Origin", "ws://127.0.0.1:" + port)))
      .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("403");
  }
}
