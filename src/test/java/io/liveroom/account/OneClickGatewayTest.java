package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The http one-click provider signs its exchange with the carrier gateway and maps every answer to a clear code")
class OneClickGatewayTest {
  private static final String APP_KEY = "liveroom-app-7";
  private static final String SECRET = "carrier-app-secret-0123456789";
  private static final String PATH = "/carrier/v1/exchange";
  private static Vertx gatewayVertx;
  private static String base;
  /** What the gateway checks signatures with; a test changes it to play a node with the wrong secret. */
  private static final AtomicReference<String> gatewaySecret = new AtomicReference<>(SECRET);
  /** ok, error (500), close (drops the connection), silent (never answers), nophone (200 without a number). */
  private static final AtomicReference<String> mode = new AtomicReference<>("ok");
  private static final Map<String, String> issued = new ConcurrentHashMap<>();
  private static final BlockingQueue<JsonObject> seen = new LinkedBlockingQueue<>();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(OneClickGatewayTest::startGateway)
    .config(json -> json.getJsonObject("accounts").getJsonObject("oneClick").put("provider", "http")
      .put("httpUrl", base + PATH).put("appKey", APP_KEY).put("appSecret", SECRET).put("httpTimeoutMs", 700))
    .build();
  private static final TestHttp http = node.http();

  /** A carrier gateway: checks the app key, the timestamp and the HMAC, computed here independently. */
  private static void startGateway() throws Exception {
    gatewayVertx = Vertx.vertx();
    HttpServer server = gatewayVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      boolean signed = signatureValid(req, body);
      seen.add(new JsonObject().put("path", req.path()).put("appKey", req.getHeader("X-Liveroom-App-Key"))
        .put("signed", signed).put("body", body.toString()));
      answer(req, body, signed);
    })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  private static void answer(HttpServerRequest req, Buffer body, boolean signed) {
    switch (mode.get()) {
      case "error" -> req.response().setStatusCode(500).end();
      case "close" -> req.connection().close();
      case "silent" -> { }
      case "nophone" -> req.response().putHeader("Content-Type", "application/json").end("{}");
      default -> {
        if (!signed) {
          req.response().setStatusCode(401).end("{\"error\":\"bad_signature\"}");
          return;
        }
        String phone = issued.remove(new JsonObject(body).getString("token"));
        if (phone == null) {
          req.response().setStatusCode(404).end("{\"error\":\"unknown_token\"}");
        } else {
          req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("phone", phone).encode());
        }
      }
    }
  }

  private static boolean signatureValid(HttpServerRequest req, Buffer body) {
    try {
      long ts = Long.parseLong(req.getHeader("X-Liveroom-Timestamp"));
      if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 60 || !APP_KEY.equals(req.getHeader("X-Liveroom-App-Key"))) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(gatewaySecret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((req.method().name() + "\n" + req.path() + "\n" + ts + "\n" + body)
        .getBytes(StandardCharsets.UTF_8));
      String given = req.getHeader("X-Liveroom-Signature");
      return given != null && given.startsWith("sha256=")
        && MessageDigest.isEqual(expected, HexFormat.of().parseHex(given.substring(7)));
    } catch (Exception e) {
      return false;
    }
  }

  @AfterAll
  static void shutdown() throws Exception {
    gatewayVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void gatewayWorks() {
    mode.set("ok");
    gatewaySecret.set(SECRET);
    seen.clear();
  }

  private static String carrierToken(String phone) {
    String token = "carrier-" + java.util.UUID.randomUUID();
    issued.put(token, phone);
    return token;
  }

  private static TestHttp.Response oneClick(String token) {
    return http.post("/api/v1/auth/one-click", new JsonObject().put("token", token)
      .put("policyVersion", TestUsers.policyVersion()));
  }

  @Test
  @DisplayName("A signed exchange registers a new phone (201), and the next token for it logs in (200)")
  void signedExchange() throws InterruptedException {
    String phone = TestUsers.newPhone();
    String token = carrierToken(phone);
    TestHttp.Response first = oneClick(token);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    JsonObject call = seen.poll(5, TimeUnit.SECONDS);
    assertThat(call).isNotNull();
    assertThat(call.getString("path")).isEqualTo(PATH);
    assertThat(call.getString("appKey")).isEqualTo(APP_KEY);
    assertThat(call.getBoolean("signed")).as("signature over method, path, timestamp and body").isTrue();
    assertThat(new JsonObject(call.getString("body")).getString("token")).isEqualTo(token);

    TestHttp.Response second = oneClick(carrierToken(phone));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().getJsonObject("user").getLong("id"))
      .isEqualTo(first.json().getJsonObject("user").getLong("id"));
  }

  @Test
  @DisplayName("A token the gateway does not know is 401 one_click_token_invalid")
  void unknownToken() {
    TestHttp.Response r = oneClick("carrier-never-issued");
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("one_click_token_invalid");
  }

  @Test
  @DisplayName("A gateway refusing our signature (wrong secret) is 502 one_click_rejected, and no account is made")
  void badSignature() {
    gatewaySecret.set("the-gateway-has-another-secret");
    String phone = TestUsers.newPhone();
    TestHttp.Response r = oneClick(carrierToken(phone));
    assertThat(r.status()).as(r.toString()).isEqualTo(502);
    assertThat(r.json().getString("code")).isEqualTo("one_click_rejected");
    gatewaySecret.set(SECRET);
    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", phone)
      .put("password", TestUsers.PASSWORD));
    assertThat(login.status()).as("the phone has no account").isEqualTo(401);
  }

  @Test
  @DisplayName("A gateway that errs, drops the connection or stays silent past the timeout is 503 one_click_unavailable")
  void gatewayDown() {
    for (String how : new String[] {"error", "close", "silent", "nophone"}) {
      mode.set(how);
      long started = System.nanoTime();
      TestHttp.Response r = oneClick(carrierToken(TestUsers.newPhone()));
      assertThat(r.status()).as("%s: %s", how, r).isEqualTo(503);
      assertThat(r.json().getString("code")).as(how).isEqualTo("one_click_unavailable");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("%s answered within the timeout", how)
        .isLessThan(5_000);
    }
  }
}
