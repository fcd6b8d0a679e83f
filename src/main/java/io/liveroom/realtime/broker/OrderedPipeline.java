package io.liveroom.realtime.broker;

import io.liveroom.infra.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The broker's ordered publish connection, with writes coalesced per event-loop turn: the commands
 * issued during one turn go to Redis in the order they were issued, and a run of two or more
 * {@code PUBLISH}es goes as one pipelined write instead of one write (and one Redis read) each.
 * A stream of AI tokens to thousands of users is exactly such a run.
 *
 * <p>Only {@code PUBLISH} is batched: Vert.x Redis fails a whole batch when any command in it gets
 * an error reply, without saying which succeeded, so the history scripts (whose replies carry the
 * offsets, and whose {@code NOSCRIPT} fallback needs its own error) always go one by one. A
 * {@code PUBLISH} error reply (an ACL or a loading server) would refuse every command of the run.
 */
final class OrderedPipeline {
  private final Vertx vertx;
  private final Supplier<Future<RedisConnection>> connection;
  private final Consumer<Future<RedisConnection>> broken;
  private List<Request> requests = new ArrayList<>();
  private List<Promise<Response>> waiting = new ArrayList<>();
  private boolean scheduled;

  /**
   * @param connection the current publish connection (opened on demand)
   * @param broken     told when a transport failure means that connection must be replaced
   */
  OrderedPipeline(Vertx vertx, Supplier<Future<RedisConnection>> connection, Consumer<Future<RedisConnection>> broken) {
    this.vertx = vertx;
    this.connection = connection;
    this.broken = broken;
  }

  /**
   * Queues a command for the end of this turn; the result completes on the caller's context (the
   * pipeline is shared by every event loop, and a run's replies arrive on the loop that flushed it).
   */
  Future<Response> send(Request request) {
    Context caller = vertx.getOrCreateContext();
    Promise<Response> promise = Promise.promise();
    boolean schedule;
    synchronized (this) {
      requests.add(request);
      waiting.add(promise);
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      caller.runOnContext(v -> flush());
    }
    return CallerContext.on(caller, promise.future());
  }

  private void flush() {
    List<Request> batch;
    List<Promise<Response>> promises;
    synchronized (this) {
      batch = requests;
      promises = waiting;
      requests = new ArrayList<>();
      waiting = new ArrayList<>();
      scheduled = false;
    }
    Future<RedisConnection> current = connection.get();
    current.onComplete(ar -> {
      if (ar.failed()) {
        promises.forEach(p -> p.fail(ar.cause()));
        return;
      }
      RedisConnection conn = ar.result();
      int i = 0;
      while (i < batch.size()) {
        int end = i;
        while (end < batch.size() && batch.get(end).command() == Command.PUBLISH) {
          end++;
        }
        if (end - i >= 2) {
          sendRun(conn, current, batch.subList(i, end), promises.subList(i, end));
          i = end;
        } else {
          sendOne(conn, current, batch.get(i), promises.get(i));
          i++;
        }
      }
    });
  }

  private void sendOne(RedisConnection conn, Future<RedisConnection> current, Request request,
                       Promise<Response> promise) {
    conn.send(request).onComplete(ar -> {
      if (ar.failed()) {
        reportTransportFailure(current, ar.cause());
      }
      promise.handle(ar);
    });
  }

  private void sendRun(RedisConnection conn, Future<RedisConnection> current, List<Request> run,
                       List<Promise<Response>> promises) {
    conn.batch(new ArrayList<>(run)).onComplete(ar -> {
      if (ar.succeeded()) {
        for (int k = 0; k < promises.size(); k++) {
          promises.get(k).complete(ar.result().get(k));
        }
      } else {
        reportTransportFailure(current, ar.cause());
        promises.forEach(p -> p.fail(ar.cause()));
      }
    });
  }

  /** A Redis error reply leaves the connection usable; anything else means it is gone. */
  private void reportTransportFailure(Future<RedisConnection> current, Throwable cause) {
    if (!(cause instanceof ErrorType)) {
      broken.accept(current);
    }
  }
}
