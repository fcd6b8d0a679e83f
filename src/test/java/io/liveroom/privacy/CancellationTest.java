package io.liveroom.privacy;

import io.liveroom.account.SessionEvents;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.liveroom.privacy.PrivacyFixtures.count;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static io.liveroom.privacy.PrivacyFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Account cancellation: frozen at once, restorable for 30 days, then erased exactly once")
class CancellationTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK).build();
  private static final TestHttp http = node.http();
  private static final List<Long> disabled = new CopyOnWriteArrayList<>();
  /** Stands in for the rewards ledger: records each pseudonymization call, must never lose rows. */
  private static final LedgerProbe ledger = new LedgerProbe();

  @BeforeAll
  static void boot() {
    node.get().accounts().events().add(new SessionEvents() {
      @Override
      public void sessionRevoked(long userId, String sessionId) {
      }
      @Override
      public void userDisabled(long userId) {
        disabled.add(userId);
      }
    });
    node.get().privacy().register(ledger);
  }

  /** A source like the rewards ledger will be: pseudonymizes, never deletes; counts calls per user. */
  static final class LedgerProbe implements PersonalDataSource {
    final Map<Long, Integer> erasures = new ConcurrentHashMap<>();

    @Override
    public List<String> categories() {
      return List.of("ledgerProbe");
    }

    @Override
    public Future<Void> export(long userId, ExportWriter out) {
      return out.list("ledgerProbe", List.of());
    }

    @Override
    public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
      erasures.merge(userId, 1, Integer::sum);
      return Future.succeededFuture();
    }
  }

  private static TestHttp.Response login(TestUser u) {
    return http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone()).put("password", u.password()));
  }

  private static TestHttp.Response cancelWithPassword(TestUser u) {
    return http.post("/api/v1/me/cancellation", new JsonObject().put("password", u.password()), u.accessToken());
  }

  private static TestHttp.Response withdraw(String token) {
    return PrivacyFixtures.delete(http, "/api/v1/me/cancellation", Map.of("X-Withdrawal-Token", token));
  }

  @Test
  @DisplayName("Day 0 frozen; day 10 withdrawn and restored; day 31 erased from PostgreSQL and Redis; the phone registers again")
  void fullCycle() {
    TestUser keeper = TestUsers.register(http, TestUsers.newPhone(), "keeper-nick");
    TestUser leaver = TestUsers.register(http, TestUsers.newPhone(), "leaver-nick");
    byte[] idHash = PrivacyFixtures.identity(leaver.id(), "*leaver");
    byte[] phoneIdx = (byte[]) value("SELECT phone_idx FROM users WHERE id = ?", leaver.id());
    for (TestUser u : List.of(keeper, leaver)) {
      PrivacyFixtures.grantLocation(http, u.accessToken());
      PrivacyFixtures.shareLocation(http, u.accessToken());
    }
    long room = PrivacyFixtures.room(leaver.id(), "leaver's room");
    long session = update("INSERT INTO room_sessions (room_id, started_by) VALUES (?, 'http') RETURNING id", room);
    update("UPDATE rooms SET status = 'live', current_session_id = ? WHERE id = ?", session, room);
    PrivacyFixtures.chat(room, leaver.id(), "leaver says hi");
    PrivacyFixtures.update("INSERT INTO ai_conversations (user_id, title) VALUES (?, ?)", leaver.id(), "leaver asks");

    // A wrong password changes nothing.
    assertThat(http.post("/api/v1/me/cancellation", new JsonObject().put("password", "wrong password!!"),
      leaver.accessToken()).status()).isEqualTo(401);
    // Re-authentication with an SMS code (the keeper uses the password).
    String code = TestUsers.requestCode(http, leaver.phone(), "cancel_account");
    TestHttp.Response cancelled = http.post("/api/v1/me/cancellation", new JsonObject().put("code", code), leaver.accessToken());
    assertThat(cancelled.status()).as("cancel: %s", cancelled).isEqualTo(202);
    assertThat(cancelWithPassword(keeper).status()).isEqualTo(202);

    // Day 0: tokens refused, login refused with a withdrawal offer, sockets told to close, GEO gone, rooms ended.
    for (TestUser u : List.of(keeper, leaver)) {
      TestHttp.Response me = http.get("/api/v1/me", u.accessToken());
      assertThat(me.status()).isEqualTo(403);
      assertThat(me.json().getString("code")).isEqualTo("cancellation_pending");
      TestHttp.Response refused = login(u);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().getString("code")).isEqualTo("cancellation_pending");
      assertThat(refused.json().getString("withdrawalToken")).isNotBlank();
      assertThat(disabled).contains(u.id());
      assertThat(PrivacyFixtures.await(node.get().nearby().store().get(u.id()))).isEmpty();
    }
    assertThat(value("SELECT status FROM rooms WHERE id = ?", room)).isEqualTo("idle");
    assertThat(cancelWithPassword(leaver).status()).isEqualTo(403);

    // Day 10: the keeper withdraws and gets everything back.
    CLOCK.advance(Duration.ofDays(10));
    String token = login(keeper).json().getString("withdrawalToken");
    TestHttp.Response withdrawn = withdraw(token);
    assertThat(withdrawn.status()).as("withdraw: %s", withdrawn).isEqualTo(200);
    assertThat(withdraw(token).status()).as("a withdrawal token works once").isEqualTo(401);
    TestHttp.Response back = login(keeper);
    assertThat(back.status()).as("login after withdrawal: %s", back).isEqualTo(200);
    assertThat(http.get("/api/v1/me", back.json().getString("accessToken")).status()).isEqualTo(200);

    // Day 29: not due yet.
    CLOCK.advance(Duration.ofDays(19));
    assertThat(PrivacyFixtures.await(node.get().privacy().runHousekeeping()).getInteger("erased")).isZero();

    // Redis keys derived from the leaver's phone: a failed login leaves one only the leaver has.
    assertThat(http.post("/api/v1/auth/login", new JsonObject().put("phone", leaver.phone())
      .put("password", "not the password")).status()).isEqualTo(401);
    String failKey = RedisProbe.command(TestInfra.get().redisUrl(), "KEYS", "acct:loginfail:phone:*").trim();
    assertThat(failKey).isNotBlank().doesNotContain("\n");
    String phoneKey = failKey.substring("acct:loginfail:phone:".length());
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "KEYS", "*" + phoneKey + "*").split("\n").length)
      .as("login failures and the SMS daily count of the leaver's phone").isGreaterThanOrEqualTo(2);

    // Day 31: erased.
    CLOCK.advance(Duration.ofDays(2));
    JsonObject run = PrivacyFixtures.await(node.get().privacy().runHousekeeping());
    assertThat(run.getInteger("erased")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM users WHERE phone_idx = ?", phoneIdx)).isZero();
    assertThat(count("SELECT count(*) FROM users WHERE nickname = 'leaver-nick'")).isZero();
    assertThat(count("SELECT count(*) FROM user_identities WHERE number_idx = ?", idHash)).isZero();
    assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?", leaver.id())).isZero();
    assertThat(count("""
      SELECT count(*) FROM users WHERE id = ? AND status = 'cancelled' AND phone_enc IS NULL AND password_hash IS NULL
        AND email IS NULL AND birth_date IS NULL""", leaver.id())).isEqualTo(1);
    assertThat(value("SELECT text FROM chat_messages WHERE sender_id = ?", leaver.id()))
      .as("chat is anonymized by default: kept, attached to the anonymous account").isEqualTo("leaver says hi");
    assertThat(value("SELECT status FROM rooms WHERE id = ?", room)).isEqualTo("closed");
    assertThat(count("SELECT count(*) FROM ai_conversations WHERE user_id = ?", leaver.id()))
      .as("AI conversations are erased with the account").isZero();
    assertThat(ledger.erasures).containsEntry(leaver.id(), 1).doesNotContainKey(keeper.id());
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "KEYS", "*" + phoneKey + "*")).isNullOrEmpty();
    assertThat(node.get().privacy().runHousekeeping().toCompletionStage().toCompletableFuture().join().getInteger("erased")).isZero();

    // The phone is free again: a new account.
    TestUser again = TestUsers.register(http, leaver.phone(), "new-owner");
    assertThat(again.id()).isNotEqualTo(leaver.id());
    assertThat(login(leaver).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A host with a pending withdrawal is refused cancellation, with the reason, and stays active")
  void pendingWithdrawalBlocks() {
    TestUser host = TestUsers.register(http, TestUsers.newPhone(), "withdrawing-host");
    long tx = PrivacyFixtures.update("INSERT INTO ledger_transactions (kind, idempotency_key) VALUES "
      + "('withdrawal_request', ?) RETURNING id", "wd-" + host.id());
    PrivacyFixtures.update("INSERT INTO withdrawals (host_id, beans, status, request_tx_id) VALUES (?, 5000, 'pending', ?)",
      host.id(), tx);
    TestHttp.Response refused = cancelWithPassword(host);
    assertThat(refused.status()).as("%s", refused).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("cancellation_blocked");
    assertThat(refused.json().getString("reason")).isEqualTo("pending_withdrawal");
    assertThat(login(host).status()).as("still active").isEqualTo(200);
  }
}
