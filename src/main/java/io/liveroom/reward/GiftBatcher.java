package io.liveroom.reward;

import io.liveroom.infra.CallerContext;
import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Micro-batches gift statements: gifts that queue up while earlier batches are at the database are
 * written together by one statement and one commit, which is what lets a node commit thousands of
 * gifts per second. No timer: a batch is whatever is waiting when a slot frees up, so a lone gift
 * goes out at once.
 *
 * <p>Rules that keep batching invisible to callers: a wallet is in at most one batch in flight and
 * appears at most once per batch (so one statement never updates a row twice, two batches never
 * wait on each other's wallets, and one sender's gifts keep their order). Each gift keeps its own
 * outcome: committed, or refused by its own wallet's balance or caps. If a batch fails as a whole
 * (a replayed request id hits the unique key), its gifts are run again one by one.
 *
 * <p>One batcher serves every event loop, and a batch completes on whichever loop ran its
 * statement, which also starts the next batch: so each gift's outcome is handed back through
 * {@link CallerContext#home}, on the context of the caller that submitted it.
 */
final class GiftBatcher {
  private final int maxBatch;
  private final int maxParallel;
  private final Function<List<GiftRepository.GiftPlan>, Future<Map<String, GiftReceipt>>> batch;
  private final Function<GiftRepository.GiftPlan, Future<Optional<GiftReceipt>>> single;
  private final LinkedList<Waiting> queue = new LinkedList<>();
  private final Set<Long> busyWallets = new HashSet<>();
  private int inFlight;
  private final DistributionSummary batchSizes;
  private final java.util.concurrent.atomic.AtomicLong multiGiftStatements = new java.util.concurrent.atomic.AtomicLong();

  private record Waiting(GiftRepository.GiftPlan plan, Promise<Optional<GiftReceipt>> result) {
  }

  GiftBatcher(int maxBatch, int maxParallel, DistributionSummary batchSizes,
              Function<List<GiftRepository.GiftPlan>, Future<Map<String, GiftReceipt>>> batch,
              Function<GiftRepository.GiftPlan, Future<Optional<GiftReceipt>>> single) {
    this.maxBatch = maxBatch;
    this.maxParallel = maxParallel;
    this.batchSizes = batchSizes;
    this.batch = batch;
    this.single = single;
  }

  /** How many statements carried more than one gift (for tests and diagnostics). */
  long multiGiftStatements() {
    return multiGiftStatements.get();
  }

  /**
   * The committed receipt, or empty when the gift's wallet refused it (balance or caps); completes
   * on the caller's context.
   */
  Future<Optional<GiftReceipt>> submit(GiftRepository.GiftPlan plan) {
    Promise<Optional<GiftReceipt>> result = Promise.promise();
    Future<Optional<GiftReceipt>> home = CallerContext.home(result.future());
    synchronized (this) {
      queue.add(new Waiting(plan, result));
    }
    dispatch();
    return home;
  }

  private void dispatch() {
    while (true) {
      List<Waiting> next = new ArrayList<>();
      synchronized (this) {
        if (inFlight >= maxParallel) {
          return;
        }
        Iterator<Waiting> it = queue.iterator();
        while (it.hasNext() && next.size() < maxBatch) {
          Waiting w = it.next();
          if (busyWallets.add(w.plan().walletId())) {
            next.add(w);
            it.remove();
          }
        }
        if (next.isEmpty()) {
          return;
        }
        inFlight++;
      }
      run(next);
    }
  }

  private void run(List<Waiting> items) {
    List<GiftRepository.GiftPlan> plans = items.stream().map(Waiting::plan).toList();
    batchSizes.record(plans.size());
    if (plans.size() > 1) {
      multiGiftStatements.incrementAndGet();
    }
    Future<Void> done = (plans.size() == 1 ? runOne(items.get(0)) : batch.apply(plans).map(receipts -> {
      items.forEach(w -> w.result().complete(Optional.ofNullable(receipts.get(w.plan().idempotencyKey()))));
      return (Void) null;
    }).recover(e -> LedgerRetry.duplicateKey(e) ? oneByOne(items, 0) : failAll(items, e)));
    done.onComplete(ignored -> {
      synchronized (this) {
        items.forEach(w -> busyWallets.remove(w.plan().walletId()));
        inFlight--;
      }
      dispatch();
    });
  }

  private Future<Void> runOne(Waiting w) {
    return single.apply(w.plan()).onComplete(w.result()).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private Future<Void> oneByOne(List<Waiting> items, int i) {
    return i == items.size() ? Future.succeededFuture() : runOne(items.get(i)).compose(v -> oneByOne(items, i + 1));
  }

  private static Future<Void> failAll(List<Waiting> items, Throwable e) {
    items.forEach(w -> w.result().fail(e));
    return Future.succeededFuture();
  }
}
