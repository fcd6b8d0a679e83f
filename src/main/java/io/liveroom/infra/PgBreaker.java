package io.liveroom.infra;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.Failures;
import io.vertx.sqlclient.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A circuit breaker in front of PostgreSQL, shared by every event loop of a node.
 *
 * <p>Closed: every call goes through. After {@code threshold} consecutive connection failures
 * ({@link Failures#isConnectionFailure}: refused, reset, closed, shutting down) it opens: calls fail
 * at once with {@link #rejection()} (503 {@code service_unavailable}) instead of each waiting on a
 * connection attempt. Every {@code probeMillis} one call is let through as a probe; its success
 * closes the breaker, its failure keeps it open for another interval. Any answer from PostgreSQL,
 * even an SQL error, counts as success: the server is there.
 *
 * <p>Lock-free: the closed path is one volatile read, so it costs nothing on the hot path.
 */
public final class PgBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(PgBreaker.class);
  private static final long CLOSED = Long.MIN_VALUE;
  private static final AppException REJECTED = Failures.unavailable(
    "The database is unavailable right now; try again shortly.");

  private final int threshold;
  private final long probeMillis;
  private final LongSupplier millis;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  /** {@link #CLOSED}, or the time from which the next probe may go through. */
  private final AtomicLong nextProbeAt = new AtomicLong(CLOSED);

  public PgBreaker(int threshold, long probeMillis) {
    this(threshold, probeMillis, () -> System.nanoTime() / 1_000_000);
  }

  /** With the time source tests move by hand (milliseconds, monotonic). */
  public PgBreaker(int threshold, long probeMillis, LongSupplier millis) {
    this.threshold = threshold;
    this.probeMillis = probeMillis;
    this.millis = millis;
  }

  /** The failure handed to callers while the breaker is open. */
  public static AppException rejection() {
    return REJECTED;
  }

  /** Whether a call may go to PostgreSQL now: always when closed, once per interval when open. */
  public boolean tryAcquire() {
    long at = nextProbeAt.get();
    if (at == CLOSED) {
      return true;
    }
    long now = millis.getAsLong();
    return now >= at && nextProbeAt.compareAndSet(at, now + probeMillis);
  }

  /** Records how a call that went through ended ({@code failure} null on success). */
  public void record(Throwable failure) {
    if (failure == null) {
      succeeded();
    } else if (Failures.isConnectionFailure(failure)) {
      failed(failure);
    } else if (failure instanceof DatabaseException
      || failure instanceof AppException app && app.code() != ErrorCode.SERVICE_UNAVAILABLE) {
      // PostgreSQL answered (an SQL error, a rule refused by the caller): the server is there.
      succeeded();
    }
    // Anything else (a pool wait that timed out, a failure no one could place) says nothing about
    // the server: it neither closes the breaker nor counts towards opening it.
  }

  public boolean isOpen() {
    return nextProbeAt.get() != CLOSED;
  }

  private void succeeded() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
    if (nextProbeAt.get() != CLOSED && nextProbeAt.getAndSet(CLOSED) != CLOSED) {
      LOG.info("PostgreSQL answers again; database circuit breaker closed");
    }
  }

  private void failed(Throwable failure) {
    int n = consecutiveFailures.incrementAndGet();
    if (n >= threshold) {
      long previous = nextProbeAt.getAndSet(millis.getAsLong() + probeMillis);
      if (previous == CLOSED) {
        LOG.warn("PostgreSQL unreachable ({} connection failures in a row, last: {}); database circuit breaker "
          + "open, calls fail fast with 503 and one probe goes through every {} ms", n, failure.toString(), probeMillis);
      }
    }
  }
}
