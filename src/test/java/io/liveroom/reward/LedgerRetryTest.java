package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.support.LiveInfra;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

import static io.liveroom.reward.RewardFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real transactions that lock two ledger accounts in opposite order: PostgreSQL aborts one
 * with a deadlock (40P01). With retries both end up committed; without, the victim's caller gets
 * ledger_busy, never the raw database error.
 */
@DisplayName("Deadlocks in ledger transactions are retried a bounded number of times and never leak")
class LedgerRetryTest {
  @RegisterExtension
  static final LiveInfra infra = LiveInfra.builder().reset().build();
  private static long first;
  private static long second;

  @BeforeAll
  static void boot() {
    LedgerRepository ledger = new LedgerRepository(infra.pool());
    first = await(ledger.account(AccountKind.USER_COINS, 1L));
    second = await(ledger.account(AccountKind.USER_COINS, 2L));
  }

  /** Locks {@code a}, waits until the other transaction holds its first row, then locks {@code b}. */
  private static Future<String> crossing(long a, long b, Promise<Void> mine, Future<Void> theirs, AtomicInteger attempts,
                                        int maxAttempts) {
    return LedgerRetry.run("deadlock probe", maxAttempts, () -> {
      boolean firstAttempt = attempts.incrementAndGet() <= 2;
      return infra.pool().withTransaction(conn -> conn.preparedQuery(LedgerRepository.CREDIT).execute(Tuple.of(a, 0L))
        .compose(r -> {
          if (firstAttempt) {
            mine.tryComplete();
            return theirs;
          }
          return Future.succeededFuture();
        })
        .compose(v -> conn.preparedQuery(LedgerRepository.CREDIT).execute(Tuple.of(b, 0L)))
        .map("committed"));
    });
  }

  @Test
  @DisplayName("With retries, both crossing transactions commit; one of them needed a second attempt")
  void retriedDeadlockCommits() {
    AtomicInteger attempts = new AtomicInteger();
    Promise<Void> aHolds = Promise.promise();
    Promise<Void> bHolds = Promise.promise();
    Future<String> a = crossing(first, second, aHolds, bHolds.future(), attempts, 5);
    Future<String> b = crossing(second, first, bHolds, aHolds.future(), attempts, 5);
    assertThat(await(a)).isEqualTo("committed");
    assertThat(await(b)).isEqualTo("committed");
    // At least the victim's retry; the retry can race the survivor for the released row and
    // deadlock once more, which a further attempt resolves.
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  @DisplayName("Without attempts left, the victim fails with ledger_busy (503, temporary), not a database error")
  void exhaustedRetriesAreLedgerBusy() {
    AtomicInteger attempts = new AtomicInteger();
    Promise<Void> aHolds = Promise.promise();
    Promise<Void> bHolds = Promise.promise();
    Future<String> a = crossing(first, second, aHolds, bHolds.future(), attempts, 1);
    Future<String> b = crossing(second, first, bHolds, aHolds.future(), attempts, 1);
    await(Future.join(a, b).otherwiseEmpty());
    assertThat(a.succeeded() ^ b.succeeded()).as("exactly one commits").isTrue();
    Throwable cause = a.failed() ? a.cause() : b.cause();
    assertThat(cause).isInstanceOf(AppException.class);
    AppException busy = (AppException) cause;
    assertThat(busy.code().code()).isEqualTo("ledger_busy");
    assertThat(busy.code().httpStatus()).isEqualTo(503);
    assertThat(busy.code().temporary()).isTrue();
  }
}
