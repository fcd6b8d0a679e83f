package io.liveroom.push;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FCM against a local stand-in of Google's documented HTTP APIs (there is no official FCM
 * emulator): the OAuth2 token endpoint, which checks the RS256 assertion with the service account's
 * public key, and the HTTP v1 send endpoint, which checks the bearer token and reads the message.
 */
@DisplayName("FCM HTTP v1: service-account OAuth2, the v1 message, a 503 retried, a 404 UNREGISTERED token removed")
class FcmPushTest {
  private static final String PROJECT = "liveroom-test";
  private static final String EMAIL = "push@liveroom-test.iam.gserviceaccount.com";
  private static final KeyPair KEY = PushFixtures.keyPair("RSA");
  private static final FakeGoogle GOOGLE = new FakeGoogle();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("push")
    .put("provider", "fcm")
    .put("retry", new JsonObject().put("maxAttempts", 3).put("initialDelayMs", 50).put("maxDelayMs", 100))
    .put("fcm", new JsonObject().put("projectId", PROJECT).put("endpoint", GOOGLE.base()).put("tokenUri", "")
      .put("credentialsFile", PushFixtures.write("fcm-service-account", ".json", new JsonObject()
        .put("type", "service_account").put("project_id", PROJECT).put("private_key_id", "test-key-1")
        .put("private_key", PushFixtures.pem(KEY)).put("client_email", EMAIL)
        .put("token_uri", GOOGLE.base() + "/token").encode()).toString()))).build();

  private PushFixtures app;

  @BeforeEach
  void fixtures() {
    app = new PushFixtures(node.http());
  }

  @AfterAll
  static void stopGoogle() {
    GOOGLE.vertx.close();
  }

  @Test
  @DisplayName("A push is sent as a v1 message with the OAuth2 access token exchanged for a valid RS256 assertion")
  void delivers() {
    TestUser u = app.user();
    app.register(u.accessToken(), "android", "fcm", "fcm-ok-token");
    app.register(u.accessToken(), "ios", "apns", "c".repeat(64));
    node.get().push().service().push(u.id(), "new_follower", "New follower", "Ann follows you",
      new JsonObject().put("userId", 42).put("deepLink", "liveroom://users/42").put("extra", new JsonObject().put("a", 1)));
    Await.until("FCM received the message", 10, () -> !GOOGLE.messages("fcm-ok-token").isEmpty());
    JsonObject message = GOOGLE.messages("fcm-ok-token").get(0).getJsonObject("message");
    assertThat(message.getJsonObject("notification")).isEqualTo(new JsonObject().put("title", "New follower")
      .put("body", "Ann follows you"));
    assertThat(message.getJsonObject("data")).isEqualTo(new JsonObject().put("kind", "new_follower")
      .put("userId", "42").put("deepLink", "liveroom://users/42").put("extra", "{\"a\":1}"));
    assertThat(GOOGLE.problems).as("what the stand-in refused").isEmpty();
    assertThat(GOOGLE.exchanges.get()).as("token exchanges").isPositive();
    assertThat(GOOGLE.messages("c".repeat(64))).as("an APNs token is not sent through FCM").isEmpty();
  }

  @Test
  @DisplayName("A 503 is retried after a backoff and the second attempt delivers; the token stays")
  void retriesUnavailable() {
    TestUser u = app.user();
    app.register(u.accessToken(), "android", "fcm", "fcm-flaky-token");
    GOOGLE.failFirst.put("fcm-flaky-token", new AtomicInteger(1));
    node.get().push().service().push(u.id(), "gift", "A gift", "You received a rose", null);
    Await.until("the retry reached FCM", 10, () -> GOOGLE.messages("fcm-flaky-token").size() == 2);
    assertThat(GOOGLE.statuses("fcm-flaky-token")).containsExactly(503, 200);
    assertThat(app.devices(u.accessToken())).hasSize(1);
    assertThat(GOOGLE.problems).isEmpty();
  }

  @Test
  @DisplayName("A 404 UNREGISTERED answer removes the token, without retrying; the user's other token stays")
  void unregisteredRemoved() {
    TestUser u = app.user();
    app.register(u.accessToken(), "android", "fcm", "fcm-gone-token");
    app.register(u.accessToken(), "android", "fcm", "fcm-kept-token");
    node.get().push().service().push(u.id(), "gift", "A gift", "You received a rose", new JsonObject());
    Await.until("the unregistered token is removed", 10, () -> app.devices(u.accessToken()).size() == 1);
    assertThat(app.devices(u.accessToken()).getJsonObject(0).getString("token")).isEqualTo("fcm-kept-token");
    assertThat(GOOGLE.statuses("fcm-gone-token")).as("not retried").containsExactly(404);
  }

  /** Google's token endpoint and the FCM v1 send endpoint, as documented, on a local port. */
  static final class FakeGoogle {
    final Vertx vertx = Vertx.vertx();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicInteger exchanges = new AtomicInteger();
    final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    private final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> answered = new ConcurrentHashMap<>();
    private final Map<String, Boolean> issued = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeGoogle() {
      Router router = Router.router(vertx);
      router.route().handler(BodyHandler.create());
      router.post("/token").handler(this::token);
      router.post("/v1/projects/" + PROJECT + "/messages:send").handler(this::send);
      try {
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    String base() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    List<JsonObject> messages(String token) {
      return received.getOrDefault(token, List.of());
    }

    List<Integer> statuses(String token) {
      return answered.getOrDefault(token, List.of());
    }

    private void token(RoutingContext ctx) {
      String grant = ctx.request().getFormAttribute("grant_type");
      String assertion = ctx.request().getFormAttribute("assertion");
      try {
        SignedJWT jwt = SignedJWT.parse(assertion);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        check(jwt.verify(new RSASSAVerifier((RSAPublicKey) KEY.getPublic())), "assertion signature");
        check("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant), "grant_type " + grant);
        check("test-key-1".equals(jwt.getHeader().getKeyID()), "kid");
        check(EMAIL.equals(claims.getIssuer()), "iss");
        check(claims.getAudience().contains(base() + "/token"), "aud " + claims.getAudience());
        check("https://www.googleapis.com/auth/firebase.messaging".equals(claims.getStringClaim("scope")), "scope");
        check(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime() <= 3_600_000, "exp");
      } catch (Exception e) {
        problems.add("unreadable assertion: " + e);
      }
      String access = "ya29.test-" + exchanges.incrementAndGet();
      issued.put(access, true);
      ctx.json(new JsonObject().put("access_token", access).put("expires_in", 3599).put("token_type", "Bearer"));
    }

    private void send(RoutingContext ctx) {
      String auth = ctx.request().getHeader("Authorization");
      if (auth == null || !auth.startsWith("Bearer ") || !issued.containsKey(auth.substring(7))) {
        problems.add("send without a token we issued: " + auth);
        ctx.response().setStatusCode(401).end();
        return;
      }
      JsonObject body = ctx.body().asJsonObject();
      String token = body.getJsonObject("message").getString("token");
      received.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(body);
      AtomicInteger failures = failFirst.get(token);
      if (failures != null && failures.getAndDecrement() > 0) {
        answer(ctx, token, 503, error(503, "UNAVAILABLE", null));
      } else if (token.startsWith("fcm-gone")) {
        answer(ctx, token, 404, error(404, "NOT_FOUND", "UNREGISTERED"));
      } else {
        answer(ctx, token, 200, new JsonObject().put("name", "projects/" + PROJECT + "/messages/1"));
      }
    }

    private void answer(RoutingContext ctx, String token, int status, JsonObject body) {
      answered.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(status);
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static JsonObject error(int code, String status, String fcmCode) {
      JsonArray details = new JsonArray();
      if (fcmCode != null) {
        details.add(new JsonObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
          .put("errorCode", fcmCode));
      }
      return new JsonObject().put("error", new JsonObject().put("code", code).put("status", status)
        .put("message", "Requested entity was not found.").put("details", details));
    }

    private void check(boolean ok, String what) {
      if (!ok) {
        problems.add("token request: bad " + what);
      }
    }
  }
}
