package io.liveroom.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Persists accepted chat messages to PostgreSQL in batches, off the hot path. Chat never waits for
 * the database: {@link #add} only queues. One flush loop (a timer chain, so flushes never overlap)
 * writes up to {@code batchSize} messages per statement.
 *
 * <p>When PostgreSQL fails, the batch is kept and retried with exponential backoff up to
 * {@code maxRetryDelay}; chat goes on meanwhile. The queue is bounded: past {@code bufferSize} the
 * oldest queued messages are dropped (and counted), so an outage costs history, never memory or
 * live chat. A retried batch is idempotent (messages have their ids; duplicates are ignored).
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): {@link #add} hands no
 * future back, and the flush futures serve only the archive's own timer chain and {@link #stop}.
 */
final class ChatArchive {
  private static final Logger LOG = LoggerFactory.getLogger(ChatArchive.class);

  private final Vertx vertx;
  private final ChatRepository repository;
  private final int bufferSize;
  private final int batchSize;
  private final Duration flushEvery;
  private final Duration maxRetryDelay;
  private final ConcurrentLinkedQueue<StoredChatMessage> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Counter persisted;
  private final Counter dropped;
  private final Counter failures;
  private volatile List<StoredChatMessage> inFlight = List.of();
  private volatile long retryDelayMs;
  private volatile boolean stopped;
  /** The last flush; each flush is chained after it, so flushes never overlap whoever starts them. */
  private Future<Void> lastFlush = Future.succeededFuture();

  ChatArchive(Vertx vertx, ChatRepository repository, int bufferSize, int batchSize, Duration flushEvery,
              Duration maxRetryDelay, MeterRegistry registry) {
    this.vertx = vertx;
    this.repository = repository;
    this.bufferSize = bufferSize;
    this.batchSize = batchSize;
    this.flushEvery = flushEvery;
    this.maxRetryDelay = maxRetryDelay;
    this.persisted = Counter.builder("liveroom.room.chat.persisted").description("Chat messages written to PostgreSQL").register(registry);
    this.dropped = Counter.builder("liveroom.room.chat.archive.dropped")
      .description("Chat messages dropped from the archive queue while PostgreSQL was unavailable").register(registry);
    this.failures = Counter.builder("liveroom.room.chat.archive.failures").description("Failed chat batch writes (retried)").register(registry);
    Gauge.builder("liveroom.room.chat.archive.queued", queued, AtomicInteger::get)
      .description("Chat messages waiting to be written to PostgreSQL").register(registry);
  }

  void start() {
    schedule(flushEvery.toMillis());
  }

  /**
   * Stops the loop after writing what is queued: batch after batch until the backlog is empty or a
   * write fails (then the rest is lost with the node, and counted as dropped).
   */
  Future<Void> stop() {
    stopped = true;
    return flushOnce().compose(x -> {
      if (backlog() == 0) {
        return Future.<Void>succeededFuture();
      }
      if (retryDelayMs > 0) {
        dropped.increment(backlog());
        LOG.warn("Node stopping with {} chat messages not written to PostgreSQL", backlog());
        return Future.<Void>succeededFuture();
      }
      return stop();
    });
  }

  /** Queues a message; never blocks and never fails. */
  void add(StoredChatMessage message) {
    queue.add(message);
    if (queued.incrementAndGet() > bufferSize && queue.poll() != null) {
      queued.decrementAndGet();
      dropped.increment();
    }
  }

  /** Messages not yet written (queued plus the batch being written or retried). */
  int backlog() {
    return queued.get() + inFlight.size();
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      vertx.setTimer(Math.max(1, delayMs), id -> flushOnce().onComplete(done -> schedule(nextDelay())));
    }
  }

  private long nextDelay() {
    return retryDelayMs > 0 ? retryDelayMs : (queued.get() >= batchSize ? 1 : flushEvery.toMillis());
  }

  /** Writes the pending batch (or the next one); on failure keeps it for the next attempt. */
  synchronized Future<Void> flushOnce() {
    lastFlush = lastFlush.transform(x -> writeBatch());
    return lastFlush;
  }

  private Future<Void> writeBatch() {
    if (inFlight.isEmpty()) {
      inFlight = drain();
    }
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    List<StoredChatMessage> batch = inFlight;
    return repository.insert(batch)
      .onSuccess(x -> {
        persisted.increment(batch.size());
        inFlight = List.of();
        if (retryDelayMs > 0) {
          LOG.info("Chat archive writes recovered; {} messages still queued", queued.get());
        }
        retryDelayMs = 0;
      })
      .recover(e -> {
        failures.increment();
        retryDelayMs = retryDelayMs == 0 ? 200 : Math.min(maxRetryDelay.toMillis(), retryDelayMs * 2);
        LOG.warn("Writing {} chat messages to PostgreSQL failed, retrying in {} ms ({} queued): {}",
          batch.size(), retryDelayMs, queued.get(), e.getMessage());
        return Future.succeededFuture();
      });
  }

  private List<StoredChatMessage> drain() {
    List<StoredChatMessage> batch = new ArrayList<>(Math.min(batchSize, Math.max(1, queued.get())));
    StoredChatMessage m;
    while (batch.size() < batchSize && (m = queue.poll()) != null) {
      queued.decrementAndGet();
      batch.add(m);
    }
    return batch;
  }
}
