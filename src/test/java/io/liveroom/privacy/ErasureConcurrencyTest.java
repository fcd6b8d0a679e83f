package io.liveroom.privacy;

import io.liveroom.Node;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static io.liveroom.privacy.PrivacyFixtures.count;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The erasure job runs on every node at once and erases each account exactly once")
class ErasureConcurrencyTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static final int ACCOUNTS = 30;
  @RegisterExtension
  @Order(1)
  static final LiveNode first = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("node").put("id", "node-a")).build();
  @RegisterExtension
  @Order(2)
  static final LiveNode second = LiveNode.builder().keepData().clock(CLOCK)
    .config(json -> json.getJsonObject("node").put("id", "node-b")).build();
  /** Erase calls per user across both nodes, through a source registered on each. */
  private static final Map<Long, Integer> calls = new ConcurrentHashMap<>();

  @BeforeAll
  static void boot() {
    for (Node n : List.of(first.get(), second.get())) {
      n.privacy().register(new PersonalDataSource() {
        @Override
        public List<String> categories() {
          return List.of("counter");
        }

        @Override
        public Future<Void> export(long userId, ExportWriter out) {
          return out.list("counter", List.of());
        }

        @Override
        public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
          calls.merge(userId, 1, Integer::sum);
          return Future.succeededFuture();
        }
      });
    }
  }

  @Test
  @DisplayName("Two nodes racing over 30 due accounts: every account erased once, by one node, audited once")
  void exactlyOnce() {
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      long id = update("INSERT INTO users (nickname, status) VALUES (?, 'frozen') RETURNING id", "due-" + i);
      update("""
        INSERT INTO account_cancellations (user_id, status, requested_at, requested_by, erase_after, previous_status)
        VALUES (?, 'pending', now() - interval '31 days', ?, now() - interval '1 day', 'active')""", id, id);
      users.add(id);
    }
    CompletableFuture<JsonObject> a = first.get().privacy().runHousekeeping().toCompletionStage().toCompletableFuture();
    CompletableFuture<JsonObject> b = second.get().privacy().runHousekeeping().toCompletionStage().toCompletableFuture();
    int erased = a.join().getInteger("erased") + b.join().getInteger("erased");

    assertThat(erased).isEqualTo(ACCOUNTS);
    for (long id : users) {
      assertThat(calls.get(id)).as("erase calls for user %d", id).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = 'privacy.account_erased'", id))
        .isEqualTo(1);
    }
    assertThat(count("SELECT count(*) FROM account_cancellations WHERE status = 'erased' AND erased_by_node IN ('node-a', 'node-b')"))
      .isEqualTo(ACCOUNTS);
    assertThat(count("SELECT count(*) FROM users WHERE nickname LIKE 'due-%'")).isZero();
  }
}
