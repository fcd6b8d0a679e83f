package io.liveroom.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APNs against a local stand-in of Apple's documented provider API (there is no official APNs
 * emulator): HTTP/2 over TLS (a self-signed certificate the node trusts through push.apns.caFile,
 * h2 negotiated by ALPN), checking the ES256 provider token with the .p8 key's public half.
 */
@DisplayName("APNs over HTTP/2: ES256 provider token, apns-topic and push type, a 410 Unregistered token removed")
class ApnsPushTest {
  private static final String TEAM = "TEAM123456";
  private static final String KEY_ID = "KEY123ABCD";
  private static final String TOPIC = "io.liveroom.app";
  private static final KeyPair KEY = PushFixtures.keyPair("EC");
  private static final FakeApple APPLE = new FakeApple();

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("push")
    .put("provider", "apns")
    .put("apns", new JsonObject().put("keyFile", PushFixtures.write("AuthKey_" + KEY_ID, ".p8",
        PushFixtures.pem(KEY)).toString()).put("keyId", KEY_ID).put("teamId", TEAM).put("topic", TOPIC)
      .put("host", "localhost").put("port", APPLE.port()).put("sandbox", true).put("caFile", APPLE.certificate())))
    .build();

  private PushFixtures app;

  @BeforeEach
  void fixtures() {
    app = new PushFixtures(node.http());
  }

  @AfterAll
  static void stopApple() {
    APPLE.vertx.close();
  }

  @Test
  @DisplayName("A push goes over h2 with a valid ES256 token, the bundle id as apns-topic, and the alert payload")
  void delivers() {
    TestUser u = app.user();
    String token = "a1".repeat(32);
    app.register(u.accessToken(), "ios", "apns", token);
    app.register(u.accessToken(), "android", "fcm", "fcm-token-not-for-apple");
    node.get().push().service().push(u.id(), "host_live", "Ann is live", "Come and watch",
      new JsonObject().put("roomId", 7));
    Await.until("APNs received the push", 10, () -> !APPLE.payloads(token).isEmpty());
    JsonObject payload = APPLE.payloads(token).get(0);
    assertThat(payload.getJsonObject("aps").getJsonObject("alert")).isEqualTo(new JsonObject()
      .put("title", "Ann is live").put("body", "Come and watch"));
    assertThat(payload.getString("kind")).isEqualTo("host_live");
    assertThat(payload.getJsonObject("data").getInteger("roomId")).isEqualTo(7);
    assertThat(APPLE.problems).as("what the stand-in refused").isEmpty();
    assertThat(APPLE.requests).as("the FCM token did not go to Apple").contains(token)
      .doesNotContain("fcm-token-not-for-apple");
  }

  @Test
  @DisplayName("A 410 Unregistered answer removes the token; the user's other device stays")
  void unregisteredRemoved() {
    TestUser u = app.user();
    String revoked = "dead".repeat(16);
    String kept = "beef".repeat(16);
    app.register(u.accessToken(), "ios", "apns", revoked);
    app.register(u.accessToken(), "ios", "apns", kept);
    node.get().push().service().push(u.id(), "gift", "A gift", "You received a rose", null);
    Await.until("the revoked token is removed", 10, () -> app.devices(u.accessToken()).size() == 1);
    assertThat(app.devices(u.accessToken()).getJsonObject(0).getString("token")).isEqualTo(kept);
    Await.until("the kept token got its push", 10, () -> !APPLE.payloads(kept).isEmpty());
    assertThat(APPLE.problems).isEmpty();
  }

  /** Apple's provider API as documented: POST /3/device/{token} over HTTP/2 with TLS. */
  static final class FakeApple {
    final Vertx vertx = Vertx.vertx();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
    private final SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    private final HttpServer server;

    FakeApple() {
      HttpServerOptions options = new HttpServerOptions().setSsl(true).setUseAlpn(true)
        .setKeyCertOptions(cert.keyCertOptions());
      try {
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen(0, "localhost")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    int port() {
      return server.actualPort();
    }

    String certificate() {
      return cert.certificatePath();
    }

    List<JsonObject> payloads(String token) {
      return received.getOrDefault(token, List.of());
    }

    private void handle(HttpServerRequest req) {
      req.body().onSuccess(body -> {
        String path = req.path();
        if (!"POST".equals(req.method().name()) || !path.startsWith("/3/device/")) {
          problems.add("unexpected " + req.method() + " " + path);
          req.response().setStatusCode(404).end();
          return;
        }
        String token = path.substring("/3/device/".length());
        requests.add(token);
        check(req.version() == HttpVersion.HTTP_2, "protocol " + req.version());
        check(TOPIC.equals(req.getHeader("apns-topic")), "apns-topic " + req.getHeader("apns-topic"));
        check("alert".equals(req.getHeader("apns-push-type")), "apns-push-type");
        check("10".equals(req.getHeader("apns-priority")), "apns-priority");
        checkToken(req.getHeader("authorization"));
        received.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(body.toJsonObject());
        if (token.startsWith("dead")) {
          req.response().setStatusCode(410).putHeader("apns-id", "1")
            .end(new JsonObject().put("reason", "Unregistered").put("timestamp", System.currentTimeMillis()).encode());
        } else {
          req.response().setStatusCode(200).putHeader("apns-id", "2").end();
        }
      });
    }

    private void checkToken(String authorization) {
      if (authorization == null || !authorization.startsWith("bearer ")) {
        problems.add("authorization " + authorization);
        return;
      }
      try {
        SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
        check(jwt.verify(new ECDSAVerifier((ECPublicKey) KEY.getPublic())), "ES256 signature");
        check(JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()), "alg");
        check(KEY_ID.equals(jwt.getHeader().getKeyID()), "kid");
        check(TEAM.equals(jwt.getJWTClaimsSet().getIssuer()), "iss");
        long age = System.currentTimeMillis() - jwt.getJWTClaimsSet().getIssueTime().getTime();
        check(age >= -60_000 && age < 3_600_000, "iat age " + age);
      } catch (Exception e) {
        problems.add("unreadable provider token: " + e);
      }
    }

    private void check(boolean ok, String what) {
      if (!ok) {
        problems.add("bad " + what);
      }
    }
  }
}
