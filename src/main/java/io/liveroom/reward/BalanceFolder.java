package io.liveroom.reward;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Folds the entries of deferred accounts (host earnings, platform revenue, issuers) into their
 * balances. A gift only appends entries plus an {@code ledger_unfolded} marker; this folder then,
 * in ONE transaction, deletes a batch of markers and adds the sum of their deferred entries to
 * each account's balance. So a hot host's row is updated once per batch, not once per gift, and at
 * every committed state {@code balance = sum(entries) - sum(entries still marked unfolded)}, which
 * is exactly what reconciliation checks.
 *
 * <p>One folder at a time cluster-wide (a transaction-scoped advisory lock), so two nodes never
 * update the same balances in different orders. Deferred accounts only receive credits (or are
 * issuers allowed below zero), so folding late never lets a balance dip below zero.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): {@link #foldOnce} and
 * {@link #drain} run their own transaction, started by the caller (a withdrawal), so they complete
 * on the caller's context; the timer chain runs on the folder's own context, and {@link #wake}
 * (any thread) hops there. Nothing queues behind another caller's fold.
 */
public final class BalanceFolder {
  private static final Logger LOG = LoggerFactory.getLogger(BalanceFolder.class);

  private final Vertx vertx;
  private final Pool pool;
  private final LedgerRepository ledger;
  private final int batchSize;
  private final int retryAttempts;
  private final AtomicBoolean woken = new AtomicBoolean();
  private Context context;
  private int intervalMs;
  private int idleIntervalMs;
  /** The wait before the next fold: the interval while there is work, doubling up to the idle interval. */
  private volatile int delayMs;
  private long timerId = -1;
  private boolean running;
  /** Woken while a fold ran: that fold may have missed the new marker, so the next is not delayed. */
  private boolean wokenWhileRunning;
  private volatile boolean stopped;

  public BalanceFolder(Vertx vertx, Pool pool, LedgerRepository ledger, int batchSize, int retryAttempts) {
    this.vertx = vertx;
    this.pool = pool;
    this.ledger = ledger;
    this.batchSize = batchSize;
    this.retryAttempts = retryAttempts;
  }

  /**
   * Folds every {@code intervalMs} while folds find work. Each empty fold doubles the wait, up to
   * {@code idleIntervalMs}, so an idle node does not run a transaction 20 times a second; a gift
   * committed on this node ({@link #wake}) brings the next fold back within {@code intervalMs}.
   * Gifts committed on other nodes wake those nodes, and any node's fold folds everyone's markers.
   */
  public void start(int intervalMs, int idleIntervalMs) {
    this.context = vertx.getOrCreateContext();
    this.intervalMs = intervalMs;
    this.idleIntervalMs = Math.max(intervalMs, idleIntervalMs);
    context.runOnContext(v -> schedule(intervalMs));
  }

  /** There is (probably) something to fold: the next fold is at most one interval away. Any thread. */
  public void wake() {
    if (context != null && !stopped && woken.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        woken.set(false);
        if (running) {
          wokenWhileRunning = true;
        } else if (delayMs > intervalMs) {
          vertx.cancelTimer(timerId);
          schedule(intervalMs);
        }
      });
    }
  }

  public void stop() {
    stopped = true;
    if (context != null) {
      context.runOnContext(v -> vertx.cancelTimer(timerId));
    }
  }

  private void schedule(int delay) {
    if (stopped) {
      return;
    }
    delayMs = delay;
    timerId = vertx.setTimer(delay, id -> foldScheduled());
  }

  private void foldScheduled() {
    running = true;
    foldOnce(false)
      .onFailure(e -> {
        if (!stopped) {
          LOG.warn("Balance folding failed; the markers stay and are folded next time: {}", e.toString());
        }
      })
      .onComplete(done -> {
        running = false;
        boolean more = done.succeeded() && done.result() > 0 || wokenWhileRunning;
        wokenWhileRunning = false;
        schedule(nextDelay(more, delayMs, intervalMs, idleIntervalMs));
      });
  }

  /** The wait after a fold: the interval if it folded something, else twice the last wait, capped. */
  static int nextDelay(boolean foundWork, int lastDelay, int interval, int idleInterval) {
    return foundWork ? interval : (int) Math.min(Math.max(lastDelay, interval) * 2L, idleInterval);
  }

  /** The wait before the next fold as last scheduled (for tests and diagnostics). */
  int nextDelayMillis() {
    return delayMs;
  }

  /**
   * Folds one batch. With {@code wait} false it gives up at once if another node is folding;
   * with true it waits for the lock. Returns the number of transactions folded.
   */
  public Future<Long> foldOnce(boolean wait) {
    return LedgerRetry.run("balance fold", retryAttempts, () -> pool.withTransaction(conn ->
      ledger.lockFolding(conn, wait).compose(held -> held ? ledger.fold(conn, batchSize)
        : Future.succeededFuture(0L))));
  }

  /**
   * Folds until no marker that existed when called is left (bounded), so a withdrawal sees every
   * bean earned before it was requested.
   */
  public Future<Void> drain() {
    return drain(50);
  }

  private Future<Void> drain(int rounds) {
    return foldOnce(true).compose(n -> n >= batchSize && rounds > 1 ? drain(rounds - 1) : Future.succeededFuture());
  }
}
