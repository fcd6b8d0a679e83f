package io.liveroom.reward;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.http.WebhookSignature;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The payment webhook credits coins once per signed, fresh provider event")
class PaymentWebhookTest {
  private static final String SECRET = "whsec-test-0123456789abcdef";
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .beforeStart(RewardFixtures::topupProduct)
    .config(json -> json.getJsonObject("rewards").getJsonObject("webhook").put("secret", SECRET))
    .build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response deliver(String body, long timestamp, String secret) {
    return deliverSigned(body, timestamp, WebhookSignature.sign(secret, timestamp, Buffer.buffer(body)));
  }

  private static TestHttp.Response deliverSigned(String body, long timestamp, String signature) {
    return http.send("POST", "/api/v1/payments/webhook", body, Map.of("Content-Type", "application/json",
      "X-Liveroom-Timestamp", Long.toString(timestamp), "X-Liveroom-Signature", signature));
  }

  /** HMAC-SHA256(secret, timestamp + "." + body) in lowercase hex, computed here, not by the code under test. */
  private static String hmacHex(String secret, long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static double deprecatedDeliveries() {
    return node.get().metrics().registry().get("liveroom.webhook.signatures.deprecated").tag("webhook", "payments")
      .tag("scheme", "v1").counter().count();
  }

  private static String event(String id, long userId) {
    return new JsonObject().put("id", id).put("type", "payment.succeeded")
      .put("data", new JsonObject().put("userId", userId).put("productId", "coins_60")).encode();
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Test
  @DisplayName("A signed event credits the product's coins from the recharge clearing account")
  void credits() {
    long user = RewardFixtures.adult("payer-1");
    TestHttp.Response r = deliver(event("evt_1", user), now(), SECRET);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("credited");
    assertThat(RewardFixtures.coins(user)).isEqualTo(60L);
    assertThat(RewardFixtures.longQuery("SELECT e.amount FROM payment_events p JOIN ledger_entries e ON e.tx_id = p.tx_id"
      + " JOIN ledger_accounts a ON a.id = e.account_id WHERE p.provider_event_id = 'evt_1'"
      + " AND a.kind = 'recharge_clearing'")).isEqualTo(-60L);
  }

  @Test
  @DisplayName("A replayed event is acknowledged as a duplicate and credits nothing more")
  void replay() {
    long user = RewardFixtures.adult("payer-2");
    String body = event("evt_2", user);
    assertThat(deliver(body, now(), SECRET).json().getString("status")).isEqualTo("credited");
    TestHttp.Response again = deliver(body, now(), SECRET);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("status")).isEqualTo("duplicate");
    assertThat(RewardFixtures.coins(user)).isEqualTo(60L);
  }

  @Test
  @DisplayName("A wrong signature is refused with 401 webhook_signature_invalid and credits nothing")
  void badSignature() {
    long user = RewardFixtures.adult("payer-3");
    TestHttp.Response r = deliver(event("evt_3", user), now(), "another-secret-0123456789");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("webhook_signature_invalid");
    TestHttp.Response unsigned = http.send("POST", "/api/v1/payments/webhook", event("evt_3", user),
      Map.of("Content-Type", "application/json"));
    assertThat(unsigned.json().getString("code")).isEqualTo("webhook_signature_invalid");
    assertThat(RewardFixtures.coins(user)).isZero();
    TestHttp.Response empty = http.send("POST", "/api/v1/payments/webhook", null, Map.of());
    assertThat(empty.status()).isEqualTo(401);
    TestHttp.Response signedGarbage = deliver("not json", now(), SECRET);
    assertThat(signedGarbage.status()).isEqualTo(400);
    assertThat(signedGarbage.json().getString("code")).isEqualTo("malformed_json");
  }

  @Test
  @DisplayName("The one documented format, sha256=<hex HMAC-SHA256(secret, timestamp.body)>, is accepted")
  void oneFormat() throws Exception {
    long user = RewardFixtures.adult("payer-7");
    String body = event("evt_7", user);
    long ts = now();
    TestHttp.Response r = deliverSigned(body, ts, "sha256=" + hmacHex(SECRET, ts, body));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("credited");
    assertThat(WebhookSignature.sign(SECRET, ts, Buffer.buffer(body))).isEqualTo("sha256=" + hmacHex(SECRET, ts, body));
  }

  @Test
  @DisplayName("The old v1= prefix is still accepted for one release, and each such delivery is counted")
  void oldPrefixForOneRelease() throws Exception {
    long user = RewardFixtures.adult("payer-8");
    String body = event("evt_8", user);
    long ts = now();
    double before = deprecatedDeliveries();
    TestHttp.Response r = deliverSigned(body, ts, "v1=" + hmacHex(SECRET, ts, body));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("credited");
    assertThat(deprecatedDeliveries()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("A wrong signature under either prefix, an unknown scheme or a bare hex is refused and not counted")
  void wrongSignatures() throws Exception {
    long user = RewardFixtures.adult("payer-9");
    String body = event("evt_9", user);
    long ts = now();
    String wrong = hmacHex("another-secret-0123456789", ts, body);
    String right = hmacHex(SECRET, ts, body);
    double before = deprecatedDeliveries();
    for (String signature : new String[] {"sha256=" + wrong, "v1=" + wrong, "sha1=" + right, "v2=" + right, right,
      "sha256=" + right.toUpperCase(), "sha256="}) {
      TestHttp.Response r = deliverSigned(body, ts, signature);
      assertThat(r.status()).as(signature).isEqualTo(401);
      assertThat(r.json().getString("code")).as(signature).isEqualTo("webhook_signature_invalid");
    }
    assertThat(RewardFixtures.coins(user)).isZero();
    assertThat(deprecatedDeliveries()).isEqualTo(before);
  }

  @Test
  @DisplayName("A correctly signed but stale timestamp is refused with 401 webhook_timestamp_stale")
  void staleTimestamp() {
    long user = RewardFixtures.adult("payer-4");
    TestHttp.Response r = deliver(event("evt_4", user), now() - 3_600, SECRET);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("webhook_timestamp_stale");
    assertThat(RewardFixtures.coins(user)).isZero();
  }

  @Test
  @DisplayName("An event for an unknown product or user is a 400 with field errors, never a 500")
  void unknownProduct() {
    long user = RewardFixtures.adult("payer-5");
    String body = new JsonObject().put("id", "evt_5").put("type", "payment.succeeded")
      .put("data", new JsonObject().put("userId", user).put("productId", "nope")).encode();
    TestHttp.Response r = deliver(body, now(), SECRET);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("data.productId");
    assertThat(deliver(event("evt_6", 987_654), now(), SECRET).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("The top-up product list is public")
  void products() {
    TestHttp.Response r = http.get("/api/v1/payments/products");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("coins_60");
  }
}
