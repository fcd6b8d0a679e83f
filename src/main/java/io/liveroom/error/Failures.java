package io.liveroom.error;

import io.netty.channel.unix.Errors;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The one classifier of failures that are not already an {@link AppException}: the HTTP mapping
 * ({@code http.Problems}) and the socket mapping ({@code realtime.CommandHandler}) both ask it, so
 * a database that cannot be reached is {@code service_unavailable} (503 with {@code Retry-After},
 * protocol 1009, temporary) everywhere, and only a real bug is {@code internal}.
 *
 * <p>Two levels, because they are used for different decisions:
 * <ul>
 *   <li>{@link #isConnectionFailure}: the server itself could not be reached or dropped us (refused,
 *   reset, closed, connect timeout, or PostgreSQL saying it is shutting down / starting up). The
 *   database circuit breaker counts only these.</li>
 *   <li>{@link #isOutage}: those, plus waiting too long for a pooled connection. A busy pool is
 *   temporary for the client (503) but says nothing about PostgreSQL being down.</li>
 * </ul>
 */
public final class Failures {
  /** What {@code Retry-After} says for an outage: short, as the circuit breaker probes every second or so. */
  public static final long OUTAGE_RETRY_AFTER_SECONDS = 2;
  /** PostgreSQL's SQLSTATEs for "this server is going away or not accepting connections now". */
  private static final Set<String> UNAVAILABLE_STATES = Set.of(
    "57P01", // admin_shutdown (fast or immediate stop)
    "57P02", // crash_shutdown
    "57P03", // cannot_connect_now (starting up, shutting down, recovery)
    "53300"  // too_many_connections
  );
  /**
   * How Vert.x's stack-less exceptions for a lost connection begin (there is no dedicated type):
   * a closed socket, a command sent on a connection that just closed ("... current status: CLOSED",
   * seen when PostgreSQL stops immediately), a handshake cut short, an evicted pooled connection.
   */
  private static final List<String> CLOSED_MESSAGES = List.of("Connection was closed", "Connection is closed",
    "Connection closed", "Connection is not active now", "Connection failure", "Connection evicted");
  /** A pool whose wait queue is full: temporary for the client, no sign that the server is gone. */
  private static final String POOL_QUEUE_FULL = "Connection pool reached max wait queue size";
  private static final int MAX_CAUSE_DEPTH = 8;

  private Failures() {
  }

  /**
   * The failure's place in the vocabulary: an {@link AppException} as it is, an outage as
   * {@code service_unavailable} with {@code Retry-After}, anything else {@code internal} (a bug:
   * callers log those with their context).
   */
  public static AppException classify(Throwable failure) {
    if (failure instanceof AppException app) {
      return app;
    }
    if (isOutage(failure)) {
      return unavailable("A service this request needs is unavailable right now; try again shortly.");
    }
    return AppException.of(ErrorCode.INTERNAL, "An unexpected error occurred.");
  }

  /** {@code service_unavailable} with the outage {@code Retry-After}. */
  public static AppException unavailable(String detail) {
    return AppException.retryAfter(ErrorCode.SERVICE_UNAVAILABLE, detail, OUTAGE_RETRY_AFTER_SECONDS);
  }

  /** A dependency could not be reached, dropped the connection, or no pooled connection came in time. */
  public static boolean isOutage(Throwable failure) {
    return anyCause(failure, t -> connectionLost(t) || timedOut(t));
  }

  /** The server could not be reached or went away (not merely a busy pool). */
  public static boolean isConnectionFailure(Throwable failure) {
    return anyCause(failure, Failures::connectionLost);
  }

  /** The failure or one of its causes matches; an {@link AppException} on the way is already classified. */
  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof AppException) {
        return false;
      }
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean connectionLost(Throwable t) {
    if (t instanceof DatabaseException db) {
      String state = db.getSqlState();
      // Class 08: connection exceptions (08001 cannot connect, 08006 connection failure, ...).
      return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }
    // ConnectException covers refused and connect timeouts (Netty's ConnectTimeoutException is one);
    // SocketException covers reset and no route to host.
    return t instanceof ConnectException || t instanceof SocketException || t instanceof UnknownHostException
      || t instanceof ClosedChannelException || t instanceof ClosedConnectionException
      // The native transports (epoll, io_uring) report a reset or broken socket as their own
      // IOException, not a SocketException: "recvAddress(..) failed: Connection reset by peer".
      || t instanceof Errors.NativeIoException
      || t instanceof VertxException && startsWithAny(t.getMessage(), CLOSED_MESSAGES);
  }

  private static boolean timedOut(Throwable t) {
    if (t instanceof TimeoutException) {
      return true;
    }
    // The pool fails a waiter with a stack-less "Timeout" (connection timeout) or "Timeout waiting
    // for connection" (query timeout); both mean no connection came in time.
    String message = t.getMessage();
    return t instanceof VertxException && message != null
      && (message.startsWith("Timeout") || message.startsWith(POOL_QUEUE_FULL));
  }

  private static boolean startsWithAny(String message, List<String> prefixes) {
    if (message == null) {
      return false;
    }
    for (String prefix : prefixes) {
      if (message.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
