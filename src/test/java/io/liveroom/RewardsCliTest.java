package io.liveroom;

import io.liveroom.config.AppConfig;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The rewards CLI subcommands check the ledger and rebuild leaderboards")
class RewardsCliTest {
  @AfterEach
  void clean() {
    TestInfra.get().reset();
  }

  @Test
  @DisplayName("ledger-check exits 0 on a sound ledger and 3 when a transaction does not sum to zero")
  void ledgerCheck() throws Exception {
    TestInfra.get().reset();
    AppConfig config = AppConfig.from(TestNodes.baseConfig());
    assertThat(RewardsCli.run(config, "ledger-check")).isZero();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO ledger_accounts (kind, owner_id, currency) VALUES ('user_coins', 1, 'coin')");
      st.execute("INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('admin_credit', 'forged')");
      st.execute("INSERT INTO ledger_entries (tx_id, account_id, currency, amount) SELECT t.id, a.id, 'coin', 5"
        + " FROM ledger_transactions t, ledger_accounts a WHERE t.idempotency_key = 'forged'");
    }
    assertThat(RewardsCli.run(config, "ledger-check")).isEqualTo(RewardsCli.CHECK_FAILED);
  }

  @Test
  @DisplayName("rebuild-leaderboards writes the boards from gift_events")
  void rebuild() throws Exception {
    TestInfra.get().reset();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO gift_catalog (name, price_coins, animation_tier) VALUES ('G', 5, 0)");
      st.execute("INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('gift', 'g1')");
      st.execute("INSERT INTO gift_events (tx_id, sender_id, host_id, room_id, live_session_id, gift_id, gift_count, coins,"
        + " beans, request_id, sender_balance_after) SELECT id, 11, 22, 33, 44, (SELECT id FROM gift_catalog), 1, 5, 2,"
        + " 'r', 0 FROM ledger_transactions");
    }
    assertThat(RewardsCli.run(AppConfig.from(TestNodes.baseConfig()), "rebuild-leaderboards")).isZero();
    String url = TestInfra.get().redisUrl();
    assertThat(RedisProbe.command(url, "ZSCORE", "lb:gifters:room:33", "11")).isEqualTo("5");
    assertThat(RedisProbe.command(url, "ZSCORE", "lb:hosts:all", "22")).isEqualTo("5");
    assertThat(RedisProbe.command(url, "ZSCORE", "lb:gifters:session:44", "11")).isEqualTo("5");
  }
}
