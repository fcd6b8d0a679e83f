package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code reconnect-storm}: N viewers subscribed to one channel with history and recovery (the
 * {@code benchlive:} stand-in for a live room, or a real room), a publisher sending a numbered sequence at a steady rate throughout. After {@code --kill-after}
 * every viewer's TCP connection is dropped at once with no close frame (a node or network loss),
 * and all reconnect at once (or {@code --parallel} at a time), each connecting with its token and
 * subscribing with {@code recover: true}, its epoch and last offset, as an SDK does.
 *
 * <p>Reports the wall time from the kill to the last resubscription, connect/subscribe errors, and
 * per viewer whether it has every accepted publication of the sequence (live or recovered; every
 * viewer subscribed before the first one), or was told {@code recovered: false}: those are counted
 * apart and checked to be only where the gap exceeded {@code --history} (the server's
 * {@code rooms.channel.historySize}) or the epoch changed. Fails on any error, loss, duplicate or
 * unjustified {@code recovered: false}.
 */
final class ReconnectStormScenario implements Scenario {
  @Override
  public String name() {
    return "reconnect-storm";
  }

  @Override
  public Set<String> keys() {
    return Set.of("connections", "rate", "size", "kill-after", "parallel", "history", "channel", "server-pid");
  }

  @Override
  public Future<Void> run(Run run) {
    int n = run.options.integer("connections", 10_000);
    Users users = new Users(run);
    Storm storm = new Storm(run);
    run.result.put("connections", n).put("ratePerSec", storm.rate).put("historySize", storm.history)
      .put("channelKind", storm.chat ? "room chat" : "benchlive");
    return publisher(run, users, storm)
      .compose(pub -> users.viewers(n).compose(us -> {
        us.forEach(u -> storm.viewers.add(new StormViewer(u)));
        long t0 = System.nanoTime();
        return run.inParallel(n, 64, i -> storm.open(storm.viewers.get(i), false))
          .map(v -> run.result.put("initialConnectSeconds", seconds(System.nanoTime() - t0)));
      }).compose(v -> storm.publishKillAndRecover(pub)).eventually(pub::close))
      .eventually(() -> Connect.closeAll(storm.viewers.stream().map(v -> v.client).filter(c -> c != null).toList()))
      .compose(v -> storm.verdict());
  }

  /**
   * The channel and its publisher's connection, subscribed. {@code benchlive} (the default) takes
   * token-only users, so it holds 10,000 minted viewers; {@code room} is a real live room with chat,
   * whose viewers must be registered users (the api path, for small numbers).
   */
  private static Future<RtClient> publisher(Run run, Users users, Storm storm) {
    if (!storm.chat) {
      storm.channel = "benchlive:storm-" + System.currentTimeMillis();
      return users.viewers(1).compose(p -> Connect.one(run, p.get(0), storm.channel, run.options.port(), c -> { }));
    }
    return users.verified(2).compose(two -> run.api.liveRoom(two.get(0), "load test reconnect storm")
      .map(id -> storm.channel = "room:" + id)
      .compose(ch -> Connect.one(run, two.get(1), ch, run.options.port(), c -> { })));
  }

  static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  /** The state of one run: the channel, the viewers, and what the publisher got accepted. */
  private static final class Storm {
    final Run run;
    final double rate;
    final long history;
    final boolean chat;
    final List<StormViewer> viewers = new ArrayList<>();
    final BitSet accepted = new BitSet();
    final AtomicLong outstanding = new AtomicLong();
    String channel;

    Storm(Run run) {
      this.run = run;
      this.rate = run.options.decimal("rate", 10);
      this.history = run.options.integer("history", 100);
      this.chat = "room".equals(run.options.string("channel", "benchlive"));
    }

    /** Opens a viewer's socket, connects and subscribes (recovering from its position when {@code recover}). */
    Future<Void> open(StormViewer v, boolean recover) {
      String lastEpoch = v.epoch();
      long lastOffset = v.offset();
      return run.sockets.open(run.options.host(), run.options.port()).compose(c -> {
        v.client = c;
        c.listenWithOffsets((ch, data, offset, now) -> {
          long[] m = Deliveries.parse(data);
          v.publication(m == null ? -1 : m[1], offset);
          if (m != null) {
            run.stats.received.increment();
            run.stats.latency(m[2], now);
          }
        });
        return c.connect(v.user.token()).map(r -> r.orFail("connect"))
          .compose(r -> recover ? c.subscribeRecovering(channel, lastEpoch, lastOffset) : c.subscribe(channel))
          .map(r -> r.orFail("subscribe " + channel))
          .map(r -> {
            if (recover) {
              v.resubscribed(r.result(), history, lastOffset, lastEpoch);
            } else {
              v.subscribed(r.result());
            }
            run.stats.connected.increment();
            return (Void) null;
          });
      });
    }

    Future<Void> publishKillAndRecover(RtClient pub) {
      run.startMeasuring();
      io.vertx.core.Promise<Void> scheduled = io.vertx.core.Promise.promise();
      long[] seq = {0};
      Schedule.start(run.vertx, rate, run.duration, intended -> publish(pub, seq[0]++, intended), scheduled::complete);
      Future<Void> storm = run.sleep(run.options.duration("kill-after", Duration.ofSeconds(5))).compose(v -> stormNow());
      return Future.all(storm, scheduled.future()).compose(v -> run.until(() -> outstanding.get() == 0, Duration.ofSeconds(10)))
        .compose(v -> drain());
    }

    private void publish(RtClient pub, long seq, long intended) {
      run.stats.sent.increment();
      outstanding.incrementAndGet();
      pub.publish(channel, Deliveries.payload(chat, 0, seq, intended, run.options.integer("size", 100))).onComplete(ar -> {
        if (ar.succeeded() && ar.result().ok()) {
          synchronized (accepted) {
            accepted.set((int) seq);
          }
        } else {
          run.stats.errors.increment();
          run.result.put("lastPublishError", ar.failed() ? ar.cause().getMessage()
            : ar.result().errorCode() + " " + ar.result().errorMessage());
        }
        outstanding.decrementAndGet();
      });
    }

    /** Drops every viewer's TCP connection, then reconnects them all with recovery; times kill to last resubscribe. */
    private Future<Void> stormNow() {
      int parallel = run.options.integer("parallel", 0);
      AtomicLong errors = new AtomicLong();
      return run.serverCpuNanos().compose(cpu0 -> {
        long t0 = System.nanoTime();
        return Future.join(viewers.stream().map(v -> v.client.abort()).toList()).otherwiseEmpty()
          .compose(v -> run.inParallel(viewers.size(), parallel <= 0 ? viewers.size() : parallel,
            i -> open(viewers.get(i), true).otherwise(e -> {
              errors.incrementAndGet();
              run.stats.errors.increment();
              run.result.put("lastReconnectError", e.getMessage());
              return null;
            })))
          .compose(v -> {
            long wall = System.nanoTime() - t0;
            run.result.put("stormSeconds", seconds(wall)).put("reconnectErrors", errors.get())
              .put("reconnectsPerSec", Math.round(viewers.size() / (wall / 1e9)));
            return run.serverCpuNanos();
          })
          .map(cpu1 -> {
            if (cpu0 >= 0) {
              run.result.put("stormServerCpuSeconds", (cpu1 - cpu0) / 1e9)
                .put("stormServerCpuMicrosPerReconnect", Math.round((cpu1 - cpu0) / 1e3 / viewers.size()));
            }
            return null;
          });
      });
    }

    /** Waits (up to {@code --drain}) until every resubscribed viewer has the last accepted publication. */
    private Future<Void> drain() {
      long last;
      synchronized (accepted) {
        last = accepted.length() - 1;
      }
      if (last < 0) {
        return Future.succeededFuture();
      }
      return run.until(() -> viewers.stream().allMatch(v -> v.recovered() == null || v.has(last)),
        run.options.duration("drain", Duration.ofSeconds(5))).mapEmpty();
    }

    /** Fills the result; fails the run on any error, loss, duplicate or unjustified {@code recovered: false}. */
    Future<Void> verdict() {
      BitSet acc;
      synchronized (accepted) {
        acc = (BitSet) accepted.clone();
      }
      long recovered = 0;
      long notRecovered = 0;
      long unjustified = 0;
      long losses = 0;
      long lossyViewers = 0;
      long duplicates = 0;
      long recoveredPubs = 0;
      long maxRecoveredGap = -1;
      long minUnrecoveredGap = Long.MAX_VALUE;
      for (StormViewer v : viewers) {
        duplicates += v.duplicates();
        recoveredPubs += v.recoveredPublications();
        if (Boolean.TRUE.equals(v.recovered())) {
          recovered++;
          long missing = v.missing(acc);
          losses += missing;
          lossyViewers += missing > 0 ? 1 : 0;
          maxRecoveredGap = Math.max(maxRecoveredGap, v.gap());
        } else if (Boolean.FALSE.equals(v.recovered())) {
          notRecovered++;
          unjustified += v.justified() ? 0 : 1;
          minUnrecoveredGap = Math.min(minUnrecoveredGap, v.gap());
        }
      }
      long errors = run.stats.errors.sum(); // refused publishes and failed reconnects
      run.result.put("published", acc.cardinality())
        .put("refusedOrFailedPublishes", errors - run.result.getLong("reconnectErrors", 0L))
        .put("recovered", recovered).put("notRecovered", notRecovered).put("notRecoveredUnjustified", unjustified)
        .put("recoveredPublications", recoveredPubs).put("losses", losses).put("viewersWithLosses", lossyViewers)
        .put("duplicates", duplicates).put("largestRecoveredGap", maxRecoveredGap)
        .put("smallestUnrecoveredGap", minUnrecoveredGap == Long.MAX_VALUE ? -1 : minUnrecoveredGap);
      if (errors > 0 || unjustified > 0 || duplicates > 0) {
        return Future.failedFuture("errors " + errors + ", unjustified recovered:false " + unjustified + ", duplicates " + duplicates);
      }
      return Future.succeededFuture();
    }
  }
}
