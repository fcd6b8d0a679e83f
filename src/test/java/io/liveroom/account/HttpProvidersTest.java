package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.error.AppException;
import io.liveroom.http.WebhookSignature;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The http SMS sender and http eKYC provider sign their calls and map the answers")
class HttpProvidersTest {
  private static final String SECRET = "gateway-shared-secret-0123456789";
  /** The gateway checks signatures as any receiver of Liveroom's webhooks would: with the one helper. */
  private static final WebhookSignature RECEIVER = WebhookSignature.receiver("test-gateway", new SimpleMeterRegistry());
  private static Vertx gatewayVertx;
  private static HttpServer gateway;
  private static String base;
  private static final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private static final AtomicInteger smsStatus = new AtomicInteger(200);
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(HttpProvidersTest::startGateway)
    .config(json -> {
      JsonObject acc = json.getJsonObject("accounts");
      acc.getJsonObject("sms").put("sender", "http").put("httpUrl", base + "/sms").put("httpSecret", SECRET);
      acc.getJsonObject("identity").put("provider", "http").put("httpUrl", base + "/ekyc").put("httpSecret", SECRET);
    })
    .build();
  private static final TestHttp http = node.http();

  private static void startGateway() throws Exception {
    gatewayVertx = Vertx.vertx();
    gateway = gatewayVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      boolean signed = signedInOneFormat(req.getHeader(WebhookSignature.TIMESTAMP_HEADER),
        req.getHeader(WebhookSignature.SIGNATURE_HEADER), body);
      received.add(new JsonObject().put("path", req.path()).put("signed", signed).put("body", new JsonObject(body)));
      if (req.path().equals("/sms")) {
        req.response().setStatusCode(smsStatus.get()).end();
      } else {
        boolean match = new JsonObject(body).getString("realName").equals("赵六");
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("match", match).encode());
      }
    })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + gateway.actualPort();
  }

  @AfterAll
  static void shutdown() throws Exception {
    gatewayVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static boolean signedInOneFormat(String timestamp, String signature, Buffer body) {
    try {
      RECEIVER.verify(SECRET, 60, System.currentTimeMillis() / 1000, timestamp, signature, body);
      return signature.startsWith("sha256=");
    } catch (AppException e) {
      return false;
    }
  }

  private static JsonObject sendCode(String phone) throws InterruptedException {
    received.clear();
    TestHttp.Response r = http.post("/api/v1/auth/sms-codes", new JsonObject().put("phone", phone).put("purpose", "register"));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    JsonObject call = received.poll(5, TimeUnit.SECONDS);
    assertThat(call).isNotNull();
    return call;
  }

  @Test
  @DisplayName("A code goes to the gateway in a signed POST, and registration works with it; the dev outbox does not exist")
  void smsGateway() throws Exception {
    String phone = TestUsers.newPhone();
    JsonObject call = sendCode(phone);
    assertThat(call.getBoolean("signed")).isTrue();
    JsonObject body = call.getJsonObject("body");
    assertThat(body.getString("phone")).isEqualTo(phone);
    assertThat(body.getString("purpose")).isEqualTo("register");
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone)
      .put("code", body.getString("code")).put("password", TestUsers.PASSWORD).put("nickname", "g")
      .put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.status()).isEqualTo(201);
    assertThat(http.get("/api/v1/dev/sms-outbox?phone=" + phone.replace("+", "%2B")).status()).isEqualTo(404);

    String idNumber = IdentityTest.idNumber(LocalDate.of(1970, 1, 2), 3);
    String token = reg.json().getString("accessToken");
    received.clear();
    TestHttp.Response no = http.post("/api/v1/me/identity",
      new JsonObject().put("realName", "钱七").put("idNumber", idNumber), token);
    assertThat(no.status()).isEqualTo(422);
    assertThat(no.json().getString("code")).isEqualTo("identity_rejected");
    assertThat(received.poll(5, TimeUnit.SECONDS).getBoolean("signed")).isTrue();
    TestHttp.Response yes = http.post("/api/v1/me/identity",
      new JsonObject().put("realName", "赵六").put("idNumber", idNumber), token);
    assertThat(yes.status()).isEqualTo(200);
    assertThat(http.get("/api/v1/me", token).json().getJsonObject("identity").getString("provider")).isEqualTo("http");
  }

  @Test
  @DisplayName("After a phone change the old number gets a signed phone_changed notice, without any code")
  void phoneChangedNotice() throws Exception {
    String phone = TestUsers.newPhone();
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone)
      .put("code", sendCode(phone).getJsonObject("body").getString("code")).put("password", TestUsers.PASSWORD)
      .put("nickname", "mover").put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.status()).isEqualTo(201);
    String newPhone = TestUsers.newPhone();
    received.clear();
    assertThat(http.post("/api/v1/auth/sms-codes", new JsonObject().put("phone", newPhone).put("purpose", "change_phone"))
      .status()).isEqualTo(202);
    String code = received.poll(5, TimeUnit.SECONDS).getJsonObject("body").getString("code");

    TestHttp.Response moved = http.post("/api/v1/me/phone", new JsonObject().put("phone", newPhone).put("code", code)
      .put("currentPassword", TestUsers.PASSWORD), reg.json().getString("accessToken"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(204);
    JsonObject call = received.poll(5, TimeUnit.SECONDS);
    assertThat(call).isNotNull();
    assertThat(call.getBoolean("signed")).isTrue();
    JsonObject body = call.getJsonObject("body");
    assertThat(body.getString("phone")).isEqualTo(phone);
    assertThat(body.getString("notice")).isEqualTo("phone_changed");
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("phone", "notice", "text");
  }

  @Test
  @DisplayName("A gateway failure is a temporary 503 sms_unavailable")
  void gatewayDown() throws Exception {
    smsStatus.set(500);
    try {
      TestHttp.Response r = http.post("/api/v1/auth/sms-codes",
        new JsonObject().put("phone", TestUsers.newPhone()).put("purpose", "login"));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().getString("code")).isEqualTo("sms_unavailable");
    } finally {
      smsStatus.set(200);
    }
  }
}
