package io.liveroom.youth;

import io.liveroom.http.WebhookSignature;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestSocket;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.liveroom.youth.YouthClients.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Youth mode forbids gifts, recharge, withdrawal and Nearby, whatever the age")
class YouthRestrictionsTest {
  private static final String SECRET = "whsec_youth_test";
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rewards").getJsonObject("webhook").put("secret", SECRET))
    .build();
  private static final TestHttp http = node.http();

  /** The provider's product the webhook credits (the catalog of top-ups is empty in tests). */
  @BeforeAll
  static void topupProduct() throws SQLException {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO topup_products (id, coins, price_minor, currency) VALUES ('coins_60', 60, 600, 'CNY')"
        + " ON CONFLICT (id) DO NOTHING");
    }
  }

  private static TestHttp.Response gift(long room, long gift, User u) {
    return http.post("/api/v1/rooms/" + room + "/gifts", new JsonObject().put("giftId", gift).put("count", 1)
      .put("requestId", "g-" + UUID.randomUUID()), u.token());
  }

  private static TestHttp.Response recharge(User u) {
    String body = new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "payment.succeeded")
      .put("data", new JsonObject().put("userId", u.id()).put("productId", "coins_60")).encode();
    long ts = System.currentTimeMillis() / 1000;
    return http.send("POST", "/api/v1/payments/webhook", body, Map.of("Content-Type", "application/json",
      "X-Liveroom-Timestamp", Long.toString(ts), "X-Liveroom-Signature", WebhookSignature.sign(SECRET, ts,
        Buffer.buffer(body))));
  }

  private static void refused(TestHttp.Response r, String what) {
    assertThat(r.status()).as("%s: %s", what, r).isEqualTo(403);
    assertThat(r.body()).as(what).contains("youth_mode_restricted");
  }

  @Test
  @DisplayName("An adult in youth mode: gift (HTTP and socket), recharge webhook, withdrawal, Nearby lists and location are refused and no coin moves; after turning it off the gift goes through")
  void adultInYouthMode() {
    long room = YouthClients.liveRoom(node.get(), http);
    long gift = RewardFixtures.gift(node.get(), "Star-" + UUID.randomUUID().toString().substring(0, 6), 10);
    User parent = YouthClients.adult(node.get());
    RewardFixtures.credit(node.get(), parent.id(), 200);
    YouthClients.turnOn(http, parent, YouthClients.zoneWhereNowIs(node.get().clock(), 12));

    refused(gift(room, gift, parent), "gift over HTTP");
    TestSocket ws = node.socket();
    ws.connect(parent.token());
    JsonObject rpc = ws.request("rpc", new JsonObject().put("method", "gift.send").put("data", new JsonObject()
      .put("roomId", room).put("giftId", gift).put("count", 1).put("requestId", "s-" + UUID.randomUUID())));
    assertThat(errorCode(rpc)).as("gift.send over the socket").isEqualTo(2052);
    refused(recharge(parent), "recharge webhook");
    refused(http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 1000).put("requestId", "w1"),
      parent.token()), "withdrawal");
    refused(http.get("/api/v1/nearby/users", parent.token()), "nearby users");
    refused(http.get("/api/v1/nearby/rooms", parent.token()), "nearby rooms");
    refused(http.send("PUT", "/api/v1/me/location", new JsonObject().put("lat", 31.23).put("lng", 121.47).encode(),
      Map.of("Authorization", "Bearer " + parent.token())), "location");
    assertThat(RewardFixtures.coins(parent.id())).as("no coin moved").isEqualTo(200L);

    TestHttp.Response off = YouthClients.put(http, parent, new JsonObject().put("enabled", false)
      .put("password", YouthClients.PASSWORD));
    assertThat(off.status()).as("turn off: %s", off).isEqualTo(200);
    assertThat(gift(room, gift, parent).status()).as("gift once youth mode is off").isEqualTo(200);
    assertThat(recharge(parent).json().getString("status")).isEqualTo("credited");
    assertThat(RewardFixtures.coins(parent.id())).isEqualTo(200L - 10 + 60);
  }

  @Test
  @DisplayName("A 15-year-old is in youth mode by age, without asking: gifts and Nearby are refused")
  void minorByAge() {
    long room = YouthClients.liveRoom(node.get(), http);
    long gift = RewardFixtures.gift(node.get(), "Moon-" + UUID.randomUUID().toString().substring(0, 6), 10);
    User teen = YouthClients.aged(node.get(), 15);
    RewardFixtures.credit(node.get(), teen.id(), 100);
    JsonObject status = YouthClients.status(http, teen);
    assertThat(status.getBoolean("enabled")).isTrue();
    assertThat(status.getString("reason")).isEqualTo("minor");
    refused(gift(room, gift, teen), "a minor's gift");
    refused(http.get("/api/v1/nearby/users", teen.token()), "a minor's nearby");
    assertThat(RewardFixtures.coins(teen.id())).isEqualTo(100L);
  }
}
