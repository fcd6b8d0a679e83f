package io.liveroom.fault;

import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scenarios set up, through the real HTTP API of the topology (users registered with an
 * SMS code from the dev outbox, rooms started by their host, gifts and coins by the admin), plus
 * the few facts only the database can tell (identity verification, archived chat, gift rows).
 */
final class FaultApi {
  final TestHttp http;
  /** Registration asks for a code and reads the dev outbox, which each node keeps in memory: one node does both. */
  private final TestHttp registrar;
  private final Topology topology;
  private TestUser admin;

  FaultApi(Topology topology) {
    this(topology, topology.lbPort());
  }

  FaultApi(Topology topology, int port) {
    this.topology = topology;
    this.http = new TestHttp(port);
    this.registrar = new TestHttp(topology.node(0).port());
  }

  /** A registered user; a verified one is an identity-verified adult (may host, chat and gift). */
  TestUser user(boolean verified) {
    TestUser u = TestUsers.register(registrar);
    if (verified) {
      update("UPDATE users SET identity_verified = true, birth_date = ? WHERE id = ?", LocalDate.of(1990, 1, 1), u.id());
    }
    return u;
  }

  /** The admin (registered once per topology with the phone in accounts.adminPhones). */
  synchronized String adminToken() {
    if (admin == null) {
      TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", Topology.ADMIN_PHONE)
        .put("password", TestUsers.PASSWORD));
      admin = login.status() == 200
        ? new TestUser(0, Topology.ADMIN_PHONE, TestUsers.PASSWORD, login.json().getString("accessToken"), null, null)
        : TestUsers.register(registrar, Topology.ADMIN_PHONE, "admin");
    }
    return admin.accessToken();
  }

  /** The host creates a room and goes live; returns its id. */
  long liveRoom(TestUser host) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Fault drill")
      .put("category", "music"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
    assertThat(started.status()).as("start room: %s", started).isEqualTo(200);
    return id;
  }

  /** A catalog gift of this price, created by the admin. */
  long gift(long priceCoins) {
    TestHttp.Response r = http.post("/api/v1/admin/gifts", new JsonObject().put("name", "drill-" + UUID.randomUUID()
      .toString().substring(0, 8)).put("priceCoins", priceCoins).put("animationTier", 1), adminToken());
    assertThat(r.status()).as("create gift: %s", r).isIn(200, 201);
    return r.json().getLong("id");
  }

  /** Coins credited by the admin (a ledger transaction, like a recharge). */
  void credit(long userId, long coins) {
    TestHttp.Response r = http.post("/api/v1/admin/wallets/" + userId + "/credit", new JsonObject().put("coins", coins)
      .put("reason", "fault drill").put("requestId", UUID.randomUUID().toString()), adminToken());
    assertThat(r.status()).as("credit: %s", r).isEqualTo(200);
  }

  /** {@code GET /api/v1/admin/ledger/check}: the ledger's invariants, as the operator checks them. */
  JsonObject ledgerCheck() {
    TestHttp.Response r = http.get("/api/v1/admin/ledger/check", adminToken());
    assertThat(r.status()).as("ledger check: %s", r).isEqualTo(200);
    return r.json();
  }

  long count(String sql, Object... args) {
    try (Connection c = topology.pg.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void update(String sql, Object... args) {
    try (Connection c = topology.pg.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      assertThat(st.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String channel(long roomId) {
    return "room:" + roomId;
  }
}
