package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Rewards HTTP API: catalog, admin, wallet, statement, withdrawals and the ledger check")
class RewardApiTest {
  private static final InMemoryRooms rooms = new InMemoryRooms();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rewards").getJsonObject("withdrawal").put("minBeans", 10))
    .seams(new NodeSeams(rooms, new RecordingRealtime()))
    .build();
  private static final TestHttp http = node.http();
  private static long adminId;
  private static String adminToken;

  @BeforeAll
  static void boot() {
    adminId = RewardFixtures.admin();
    adminToken = RewardFixtures.token(node.get(), adminId, Role.ADMIN);
  }

  @Test
  @DisplayName("GET /gifts lists active gifts with an ETag, answers 304 to If-None-Match, and changes ETag on edit")
  void catalogEtag() {
    JsonObject created = http.post("/api/v1/admin/gifts", new JsonObject().put("name", "Star").put("priceCoins", 5)
      .put("animationTier", 2), adminToken).json();
    TestHttp.Response first = http.get("/api/v1/gifts");
    String etag = first.header("ETag");
    assertThat(first.json().getJsonArray("items")).anySatisfy(g -> assertThat(((JsonObject) g).getString("name")).isEqualTo("Star"));
    assertThat(http.send("GET", "/api/v1/gifts", null, Map.of("If-None-Match", etag)).status()).isEqualTo(304);
    assertThat(http.send("GET", "/api/v1/gifts", null, Map.of("If-None-Match", "\"old\", W/" + etag)).status())
      .isEqualTo(304);

    TestHttp.Response put = http.send("PUT", "/api/v1/admin/gifts/" + created.getLong("id"), new JsonObject()
      .put("name", "Star").put("priceCoins", 5).put("active", false).encode(),
      Map.of("Authorization", "Bearer " + adminToken));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    TestHttp.Response after = http.send("GET", "/api/v1/gifts", null, Map.of("If-None-Match", etag));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("ETag")).isNotEqualTo(etag);
    assertThat(after.json().getJsonArray("items")).noneSatisfy(g -> assertThat(((JsonObject) g).getString("name")).isEqualTo("Star"));
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM audit_log WHERE action LIKE 'rewards.gift.%' AND actor_id = "
      + adminId)).isEqualTo(2L);
  }

  @Test
  @DisplayName("Admin routes need the admin role; bad catalog input is a 400 with field errors")
  void adminOnly() {
    long user = RewardFixtures.adult("plain-user");
    String token = RewardFixtures.token(node.get(), user, Role.USER);
    assertThat(http.post("/api/v1/admin/gifts", new JsonObject().put("name", "X").put("priceCoins", 1), token).status())
      .isEqualTo(403);
    assertThat(http.get("/api/v1/admin/ledger/check", token).status()).isEqualTo(403);
    assertThat(http.get("/api/v1/admin/ledger/check").status()).isEqualTo(401);
    TestHttp.Response bad = http.post("/api/v1/admin/gifts", new JsonObject().put("priceCoins", -1), adminToken);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors")).extracting(e -> ((JsonObject) e).getString("field"))
      .contains("name", "priceCoins");
  }

  @Test
  @DisplayName("Admin credit is audit-logged, once per requestId; the wallet and its statement page by cursor")
  void walletAndStatement() {
    long user = RewardFixtures.adult("wallet-user");
    String token = RewardFixtures.token(node.get(), user, Role.USER);
    for (int i = 0; i < 5; i++) {
      JsonObject body = new JsonObject().put("coins", 10 + i).put("reason", "support").put("requestId", "cr-" + i);
      assertThat(http.post("/api/v1/admin/wallets/" + user + "/credit", body, adminToken).json().getString("status"))
        .isEqualTo("credited");
    }
    JsonObject dup = new JsonObject().put("coins", 10).put("reason", "support").put("requestId", "cr-0");
    assertThat(http.post("/api/v1/admin/wallets/" + user + "/credit", dup, adminToken).json().getString("status"))
      .isEqualTo("duplicate");
    assertThat(RewardFixtures.longQuery("SELECT count(*) FROM audit_log WHERE action = 'rewards.admin_credit' AND subject_id = "
      + user)).isEqualTo(5L);

    JsonObject wallet = http.get("/api/v1/me/wallet", token).json();
    assertThat(wallet.getJsonObject("coins").getLong("balance")).isEqualTo(60L);
    JsonObject page1 = http.get("/api/v1/me/wallet/transactions?limit=3", token).json();
    JsonArray items = page1.getJsonArray("items");
    assertThat(items).hasSize(3);
    assertThat(items.getJsonObject(0).getLong("amount")).isEqualTo(14L);
    JsonObject page2 = http.get("/api/v1/me/wallet/transactions?limit=3&before=" + page1.getString("nextCursor"), token).json();
    assertThat(page2.getJsonArray("items")).hasSize(2);
    assertThat(page2.getString("nextCursor")).isNull();
    assertThat(http.get("/api/v1/me/wallet/transactions?limit=abc", token).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("Withdrawals need a verified identity and the minimum; approve pays out, reject releases, each once")
  void withdrawals() {
    long host = RewardFixtures.adult("host-w");
    long viewer = RewardFixtures.adult("viewer-w");
    long unverified = RewardFixtures.user("host-unverified", false, LocalDate.of(1990, 1, 1), Role.USER);
    rooms.live(801, host, 9301);
    long gift = RewardFixtures.gift(node.get(), "Crown-w", 100);
    RewardFixtures.credit(node.get(), viewer, 200);
    String hostToken = RewardFixtures.token(node.get(), host, Role.USER);
    assertThat(http.post("/api/v1/rooms/801/gifts", new JsonObject().put("giftId", gift).put("count", 2)
      .put("requestId", "w1"), RewardFixtures.token(node.get(), viewer, Role.USER)).status()).isEqualTo(200);

    assertThat(http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 20).put("requestId", "u1"),
      RewardFixtures.token(node.get(), unverified, Role.USER)).json().getString("code")).isEqualTo("withdrawal_identity_required");
    assertThat(http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 5).put("requestId", "m1"), hostToken)
      .json().getString("code")).isEqualTo("withdrawal_below_minimum");
    assertThat(http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 101).put("requestId", "big"), hostToken)
      .json().getString("code")).isEqualTo("insufficient_balance");

    JsonObject paid = http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 60).put("requestId", "a1"), hostToken).json();
    JsonObject released = http.post("/api/v1/me/withdrawals", new JsonObject().put("beans", 40).put("requestId", "a2"), hostToken).json();
    assertThat(paid.getString("status")).isEqualTo("pending");
    assertThat(http.get("/api/v1/admin/withdrawals?status=pending", adminToken).json().getJsonArray("items")).hasSize(2);
    assertThat(http.post("/api/v1/admin/withdrawals/" + paid.getLong("id") + "/approve", null, adminToken)
      .json().getString("status")).isEqualTo("paid");
    assertThat(http.post("/api/v1/admin/withdrawals/" + released.getLong("id") + "/reject", null, adminToken)
      .json().getString("status")).isEqualTo("rejected");
    TestHttp.Response twice = http.post("/api/v1/admin/withdrawals/" + paid.getLong("id") + "/reject", null, adminToken);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().getString("code")).isEqualTo("withdrawal_not_pending");

    assertThat(RewardFixtures.beansIncludingPending(host)).isEqualTo(40L);
    assertThat(http.get("/api/v1/me/withdrawals", hostToken).json().getJsonArray("items")).hasSize(2);
    JsonObject check = http.get("/api/v1/admin/ledger/check", adminToken).json();
    assertThat(check.getBoolean("ok")).as(check.encodePrettily()).isTrue();
  }

  @Test
  @DisplayName("Ledger entries and transactions are append-only: UPDATE and DELETE are refused by the database")
  void appendOnly() throws SQLException {
    long user = RewardFixtures.adult("append-only");
    RewardFixtures.credit(node.get(), user, 10);
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("UPDATE ledger_entries SET amount = amount * 2"))
        .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("DELETE FROM ledger_transactions")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE ledger_accounts SET balance = -5 WHERE kind = 'user_coins'"))
        .hasMessageContaining("ledger_accounts_balance_nonnegative");
    }
    assertThat(RewardFixtures.coins(user)).isEqualTo(10L);
  }
}
