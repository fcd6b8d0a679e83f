package io.liveroom.privacy;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.liveroom.privacy.PrivacyFixtures.count;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Retention, chat deletion on erasure, and the seams' refusals and failures")
class RetentionAndSeamsTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .clock(CLOCK)
    .config(json -> {
      JsonObject privacy = json.getJsonObject("privacy");
      privacy.getJsonObject("cancellation").put("chat", "delete");
      privacy.getJsonObject("retention").put("chatDays", 30).put("auditDays", 365);
    })
    .build();
  private static final TestHttp http = node.http();
  /** Users a rewards-like source refuses to cancel (a pending withdrawal). */
  private static final Set<Long> withdrawing = ConcurrentHashMap.newKeySet();
  /** Users whose erasure fails in a source (a broken account). */
  private static final Set<Long> broken = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void boot() {
    node.get().privacy().register(new PersonalDataSource() {
      @Override
      public List<String> categories() {
        return List.of();
      }
      @Override
      public Future<Void> export(long userId, ExportWriter out) {
        return Future.succeededFuture();
      }
      @Override
      public Future<Void> ensureCancellable(long userId) {
        return withdrawing.contains(userId) ? Future.failedFuture(AppException.of(ErrorCode.CANCELLATION_BLOCKED,
          "A withdrawal of your balance is pending.").with(Map.of("reason", "pending_withdrawal"))) : Future.succeededFuture();
      }
      @Override
      public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
        return broken.contains(userId) ? Future.failedFuture(new IllegalStateException("broken")) : Future.succeededFuture();
      }
    });
  }

  @Test
  @DisplayName("Chat and audit entries past their retention are deleted by the scheduler; newer ones stay")
  void retention() {
    long user = update("INSERT INTO users (nickname) VALUES ('talker') RETURNING id");
    long room = PrivacyFixtures.room(user, "r");
    long old = PrivacyFixtures.chat(room, user, "old");
    update("UPDATE chat_messages SET sent_at = ? WHERE id = ?", java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofDays(31))), old);
    long fresh = PrivacyFixtures.chat(room, user, "fresh");
    update("INSERT INTO audit_log (subject_id, action, at) VALUES (?, 'old.event', ?)", user,
      java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofDays(366))));
    update("INSERT INTO audit_log (subject_id, action) VALUES (?, 'new.event')", user);

    JsonObject run = PrivacyFixtures.await(node.get().privacy().runHousekeeping());
    assertThat(run.getInteger("chat")).isGreaterThanOrEqualTo(1);
    assertThat(count("SELECT count(*) FROM chat_messages WHERE id = ?", old)).isZero();
    assertThat(count("SELECT count(*) FROM chat_messages WHERE id = ?", fresh)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'old.event'")).isZero();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'new.event'")).isEqualTo(1);
  }

  @Test
  @DisplayName("A source can refuse a cancellation with a reason; nothing is frozen")
  void refusal() {
    TestUser u = TestUsers.register(http);
    withdrawing.add(u.id());
    TestHttp.Response r = http.post("/api/v1/me/cancellation", new JsonObject().put("password", u.password()), u.accessToken());
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().getString("code")).isEqualTo("cancellation_blocked");
    assertThat(r.json().getString("reason")).isEqualTo("pending_withdrawal");
    assertThat(PrivacyFixtures.value("SELECT status FROM users WHERE id = ?", u.id())).isEqualTo("active");
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("With chat=delete the erased user's chat is gone; a broken account is deferred and does not block others")
  void deleteModeAndBrokenAccount() {
    long gone = update("INSERT INTO users (nickname, status) VALUES ('gone', 'frozen') RETURNING id");
    long stuck = update("INSERT INTO users (nickname, status) VALUES ('stuck', 'frozen') RETURNING id");
    broken.add(stuck);
    long room = PrivacyFixtures.room(gone, "r2");
    PrivacyFixtures.chat(room, gone, "bye");
    for (long id : List.of(stuck, gone)) {
      update("""
        INSERT INTO account_cancellations (user_id, status, requested_at, requested_by, erase_after, previous_status)
        VALUES (?, 'pending', ?, ?, ?, 'active')""", id, java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofDays(40))),
        id, java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofDays(10 + id % 2))));
    }
    JsonObject run = PrivacyFixtures.await(node.get().privacy().runHousekeeping());
    assertThat(run.getInteger("erased")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", gone)).isZero();
    assertThat(PrivacyFixtures.value("SELECT status FROM account_cancellations WHERE user_id = ?", stuck)).isEqualTo("pending");
    assertThat(count("SELECT attempts FROM account_cancellations WHERE user_id = ?", stuck)).isEqualTo(1);
    assertThat(PrivacyFixtures.value("SELECT nickname FROM users WHERE id = ?", stuck)).as("rolled back").isEqualTo("stuck");
  }
}
