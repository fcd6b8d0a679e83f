package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Runs a ledger transaction again when PostgreSQL aborts it with a serialization failure (40001)
 * or a deadlock (40P01): the whole transaction was rolled back, so running it again is safe. After
 * the bounded number of attempts the caller gets {@code ledger_busy} (503, temporary), never the
 * raw database error.
 */
final class LedgerRetry {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerRetry.class);

  private LedgerRetry() {
  }

  static <T> Future<T> run(String what, int attempts, Supplier<Future<T>> tx) {
    return attempt(what, 1, attempts, tx);
  }

  private static <T> Future<T> attempt(String what, int n, int attempts, Supplier<Future<T>> tx) {
    return tx.get().recover(e -> {
      if (!retryable(e)) {
        return Future.failedFuture(e);
      }
      if (n >= attempts) {
        LOG.warn("{} gave up after {} attempts: {}", what, n, ((PgException) e).getSqlState());
        return Future.failedFuture(AppException.of(ErrorCode.LEDGER_BUSY,
          "The ledger is busy; retry with the same request id."));
      }
      LOG.debug("{} retried after {} (attempt {})", what, ((PgException) e).getSqlState(), n);
      return attempt(what, n + 1, attempts, tx);
    });
  }

  static boolean retryable(Throwable e) {
    return e instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
  }

  static boolean duplicateKey(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
