package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    String ts = Long.toString(timestamp);
    return http.send("POST", "/api/v1/payments/webhook", body, Map.of("Content-Type", "application/json",
      WebhookSignature.TIMESTAMP_HEADER, ts,
      WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, Buffer.buffer(body))));
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
    String ts = Long.toString(now());
    TestHttp.Response signedGarbage = http.send("POST", "/api/v1/payments/webhook", "not json", Map.of(
      "Content-Type", "application/json", WebhookSignature.TIMESTAMP_HEADER, ts,
      WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(SECRET, ts, Buffer.buffer("not json"))));
    assertThat(signedGarbage.status()).isEqualTo(400);
    assertThat(signedGarbage.json().getString("code")).isEqualTo("malformed_json");
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
