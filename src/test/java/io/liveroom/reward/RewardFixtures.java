package io.liveroom.reward;

import io.liveroom.Node;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.support.Await;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Users, gifts, coins and ledger sums for the rewards tests, written through JDBC or the services. */
public final class RewardFixtures {
  private RewardFixtures() {
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
  }

  /** A user row on the current policy: verified adult unless told otherwise. */
  public static long user(String nickname, boolean verified, LocalDate birthDate, Role role) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(
      // phone_idx: the account has a phone (gifting and hosting need one); a random index stands for it.
      "INSERT INTO users (nickname, avatar_url, role, identity_verified, birth_date, policy_version, phone_idx)"
        + " VALUES (?, ?, ?, ?, ?, ?, decode(md5(random()::text || clock_timestamp()::text), 'hex')) RETURNING id")) {
      st.setString(1, nickname);
      st.setString(2, "https://cdn.example/avatars/" + nickname + ".png");
      st.setString(3, role.wire());
      st.setBoolean(4, verified);
      st.setObject(5, birthDate);
      st.setString(6, io.liveroom.support.TestUsers.policyVersion());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long adult(String nickname) {
    return user(nickname, true, LocalDate.of(1990, 1, 1), Role.USER);
  }

  public static long admin() {
    return user("admin-" + UUID.randomUUID().toString().substring(0, 6), true, LocalDate.of(1980, 1, 1), Role.ADMIN);
  }

  /** A catalog gift, created as an admin would (so every node's catalog cache sees it at once). */
  public static long gift(Node node, String name, long price) {
    Principal admin = new Principal(0, Role.ADMIN, "fixtures");
    return await(node.rewards().catalog().create(admin, new JsonObject().put("name", name).put("priceCoins", price)
      .put("animationTier", 1))).id();
  }

  public static String token(Node node, long userId, Role role) {
    return node.accessTokens().issue(userId, role, "s-" + userId);
  }

  /** Credits coins to a user as an admin would (ledger transaction from the admin adjustment account). */
  public static void credit(Node node, long userId, long coins) {
    Principal admin = new Principal(0, Role.ADMIN, "fixtures");
    await(node.rewards().payments().adminCredit(admin, userId, new JsonObject().put("coins", coins)
      .put("reason", "test fixture").put("requestId", UUID.randomUUID().toString())));
  }

  public static long coins(long userId) {
    return longQuery("SELECT COALESCE(sum(balance), 0) FROM ledger_accounts WHERE kind = 'user_coins' AND owner_id = "
      + userId);
  }

  /** Beans a host has earned net: folded balance plus entries still waiting for the folder. */
  public static long beansIncludingPending(long hostId) {
    return longQuery("SELECT COALESCE(sum(e.amount), 0) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id"
      + " WHERE a.kind = 'host_beans' AND a.owner_id = " + hostId);
  }

  /** Sum of every entry per currency (must stay 0) and of every account's balance plus pending. */
  public static Map<String, Long> totals() {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT currency, sum(amount) FROM ledger_entries GROUP BY currency")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Per currency: the sum of all balances plus the entries still waiting for the folder. */
  public static Map<String, Long> balancesWithPending() {
    Map<String, Long> out = new HashMap<>(Map.of("coin", 0L, "bean", 0L));
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT a.currency, sum(a.balance) + COALESCE(sum((SELECT sum(e.amount) FROM ledger_entries e"
           + " JOIN ledger_unfolded u ON u.tx_id = e.tx_id WHERE e.account_id = a.id AND a.deferred)), 0)"
           + " FROM ledger_accounts a GROUP BY a.currency")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public static long longQuery(String sql) {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The top-up product both payment tests sell: 60 coins for 6.00 CNY (inserted before the node starts). */
  static void topupProduct() throws SQLException {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO topup_products (id, coins, price_minor, currency) VALUES ('coins_60', 60, 600, 'CNY')");
    }
  }

  /** Polls a condition with a short deadline (no fixed sleeps). */
  public static boolean eventually(BooleanSupplier condition) {
    return Await.within(10_000, 20, condition);
  }
}
