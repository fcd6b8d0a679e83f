package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The three schedules of {@code chat-mix}, run side by side: chat, likes, and leave/rejoin churn. */
final class MixTraffic {
  private MixTraffic() {
  }

  /** Returns chat publications accepted per chatter, once every reply is in. */
  static Future<long[]> run(Run run, List<RtClient> chatters, List<String> channels, List<RtClient> viewers,
                            List<Api.User> viewerUsers, boolean[] stable, int[] roomOf, double chatRate, double likeRate,
                            double churn, LongAdder likes, LongAdder churned) {
    AtomicLongArray accepted = new AtomicLongArray(chatters.size());
    long[] seqs = new long[chatters.size()];
    AtomicLong outstanding = new AtomicLong();
    Promise<Void> chatDone = Promise.promise();
    Promise<Void> likesDone = Promise.promise();
    Promise<Void> churnDone = Promise.promise();
    long[] k = {0};
    Schedule.start(run.vertx, chatRate * chatters.size(), run.duration, intended -> {
      int c = (int) (k[0]++ % chatters.size());
      run.stats.sent.increment();
      outstanding.incrementAndGet();
      chatters.get(c).publish(channels.get(c % channels.size()), Deliveries.payload(true, c, seqs[c]++, intended, 60))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().ok()) {
            accepted.incrementAndGet(c);
          } else {
            error(run, "chat", ar);
          }
          outstanding.decrementAndGet();
        });
    }, chatDone::complete);
    Schedule.start(run.vertx, Math.max(0.001, likeRate * viewers.size()), run.duration, intended -> {
      int v = ThreadLocalRandom.current().nextInt(viewers.size());
      RtClient c = current(viewers, v);
      if (c.closed()) {
        return;
      }
      long roomId = Long.parseLong(channels.get(roomOf[v]).substring(5));
      outstanding.incrementAndGet();
      c.rpc("room.like", new JsonObject().put("roomId", roomId).put("count", 1 + ThreadLocalRandom.current().nextInt(10)))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().ok()) {
            likes.increment();
          } else if (ar.failed() && c.closed()) {
            run.result.put("likesCutByChurn", run.result.getLong("likesCutByChurn", 0L) + 1);
          } else {
            error(run, "like", ar);
          }
          outstanding.decrementAndGet();
        });
    }, likesDone::complete);
    Schedule.start(run.vertx, Math.max(0.001, churn * viewers.size()), run.duration, intended -> {
      int v = ThreadLocalRandom.current().nextInt(viewers.size());
      if (stable[v]) {
        return;
      }
      outstanding.incrementAndGet();
      current(viewers, v).close()
        .compose(x -> Connect.one(run, viewerUsers.get(v), channels.get(roomOf[v]), run.options.port(), c -> { }))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            synchronized (viewers) {
              viewers.set(v, ar.result());
            }
            churned.increment();
          } else {
            error(run, "rejoin", ar);
          }
          outstanding.decrementAndGet();
        });
    }, churnDone::complete);
    return Future.all(chatDone.future(), likesDone.future(), churnDone.future())
      .compose(x -> run.until(() -> outstanding.get() == 0, Duration.ofSeconds(10)))
      .map(x -> {
        long[] out = new long[chatters.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = accepted.get(i);
        }
        return out;
      });
  }

  private static RtClient current(List<RtClient> viewers, int v) {
    synchronized (viewers) {
      return viewers.get(v);
    }
  }

  private static void error(Run run, String what, io.vertx.core.AsyncResult<?> ar) {
    run.stats.errors.increment();
    Object r = ar.succeeded() ? ar.result() : null;
    String why = ar.failed() ? ar.cause().getMessage()
      : ((RtClient.Result) r).errorCode() + " " + ((RtClient.Result) r).errorMessage();
    run.result.put("last_" + what + "_error", why);
  }
}
