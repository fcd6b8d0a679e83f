package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code chat-mix}: several live rooms of uneven size (room i gets a share of viewers proportional to
 * 1/(i+1), as popularity is skewed), verified chatters posting on a schedule, viewers tapping likes
 * ({@code room.like}), and a churning part of the audience leaving and rejoining. Chat latency is
 * publish-to-receive; losses are checked on the viewers that stay for the whole run.
 */
final class ChatMixScenario implements Scenario {
  @Override
  public String name() {
    return "chat-mix";
  }

  @Override
  public Set<String> keys() {
    return Set.of("rooms", "viewers", "chatters", "chat-rate", "like-rate", "churn");
  }

  @Override
  public Future<Void> run(Run run) {
    int rooms = run.options.integer("rooms", 5);
    int viewers = run.options.integer("viewers", 100);
    int chatters = Math.max(rooms, run.options.integer("chatters", 10));
    double chatRate = run.options.decimal("chat-rate", 0.3);
    double likeRate = run.options.decimal("like-rate", 0.2);
    double churn = run.options.decimal("churn", 0.02);
    Users users = new Users(run);
    int[] roomOf = spread(viewers, rooms);
    Deliveries deliveries = new Deliveries(viewers, chatters);
    LongAdder likes = new LongAdder();
    LongAdder churned = new LongAdder();
    run.result.put("rooms", rooms).put("viewers", viewers).put("chatters", chatters).put("chatRatePerChatter", chatRate)
      .put("likeRatePerViewer", likeRate).put("churnPerSec", churn);
    return users.verified(rooms).compose(hosts -> run.inParallel(rooms, 4, i -> run.api.liveRoom(hosts.get(i), "mix " + i)))
      .compose(roomIds -> users.verified(chatters).compose(cs -> users.viewers(viewers).compose(vs -> {
        List<String> channels = roomIds.stream().map(id -> "room:" + id).toList();
        List<RtClient> viewerConns = new ArrayList<>(java.util.Collections.nCopies(viewers, null));
        boolean[] stable = new boolean[viewers];
        return Connect.subscribed(run, vs, null, run.options.port(), (i, c) -> { }).compose(vc -> {
          List<Future<?>> subs = new ArrayList<>();
          for (int i = 0; i < viewers; i++) {
            int v = i;
            stable[v] = ThreadLocalRandom.current().nextDouble() >= 0.2; // 20% of the audience may churn
            viewerConns.set(v, vc.get(v));
            vc.get(v).listen((ch, data, now) -> onChat(run, deliveries, stable[v] ? v : -1, data, now));
            subs.add(vc.get(v).subscribe(channels.get(roomOf[v])).map(r -> r.orFail("subscribe")));
          }
          // Chatters are in the audience of the room they write to: rooms take chat from subscribers only.
          return Future.all(subs).compose(x -> Connect.subscribed(run, cs, null, run.options.port(), (i, c) -> { }))
            .compose(cc -> Future.all(java.util.stream.IntStream.range(0, cc.size()).mapToObj(c -> cc.get(c)
                .subscribe(channels.get(c % channels.size())).map(r -> r.orFail("subscribe"))).toList()).map(cc))
            .compose(cc -> traffic(run, cc, channels, viewerConns, vs, stable, roomOf, chatRate, likeRate, churn, likes, churned)
              .compose(sent -> drainAndCheck(run, deliveries, sent, cs.size(), roomOf, stable, chatters, rooms))
              .eventually(() -> Connect.closeAll(cc)))
            .eventually(() -> Connect.closeAll(viewerConns));
        }).map(v -> {
          run.result.put("likesAccepted", likes.sum()).put("rejoins", churned.sum());
          return null;
        });
      })));
  }

  private static void onChat(Run run, Deliveries d, int viewer, JsonObject data, long now) {
    long[] m = Deliveries.parse(data);
    if (m == null) {
      return;
    }
    run.stats.received.increment();
    run.stats.latency(m[2], now);
    if (viewer >= 0) {
      d.record(viewer, m);
    }
  }

  /** Viewers per room, skewed: room i gets a share proportional to 1/(i+1). */
  static int[] spread(int viewers, int rooms) {
    double h = 0;
    for (int i = 0; i < rooms; i++) {
      h += 1.0 / (i + 1);
    }
    int[] roomOf = new int[viewers];
    int v = 0;
    for (int r = 0; r < rooms && v < viewers; r++) {
      int share = r == rooms - 1 ? viewers - v : Math.max(1, (int) Math.round(viewers / h / (r + 1)));
      for (int k = 0; k < share && v < viewers; k++) {
        roomOf[v++] = r;
      }
    }
    return roomOf;
  }

  private static Future<long[]> traffic(Run run, List<RtClient> chatters, List<String> channels, List<RtClient> viewers,
                                        List<Api.User> viewerUsers, boolean[] stable, int[] roomOf, double chatRate,
                                        double likeRate, double churn, LongAdder likes, LongAdder churned) {
    return MixTraffic.run(run, chatters, channels, viewers, viewerUsers, stable, roomOf, chatRate, likeRate, churn,
      likes, churned);
  }

  /** Chatter c posts into room c % rooms; a stable viewer of that room must get all of it. */
  private static Future<Void> drainAndCheck(Run run, Deliveries d, long[] sent, int chatters, int[] roomOf,
                                            boolean[] stable, int chatterCount, int rooms) {
    long expected = 0;
    for (int v = 0; v < roomOf.length; v++) {
      if (!stable[v]) {
        continue;
      }
      for (int c = 0; c < chatters; c++) {
        if (c % rooms == roomOf[v]) {
          expected += sent[c];
        }
      }
    }
    long want = expected;
    return run.until(() -> d.received() >= want, run.options.duration("drain", Duration.ofSeconds(5))).map(ok -> {
      long got = d.received();
      run.result.put("chatsAccepted", java.util.Arrays.stream(sent).sum()).put("expectedStableDeliveries", want)
        .put("stableDeliveries", got).put("losses", Math.max(0, want - got)).put("outOfOrder", d.outOfOrder.sum());
      return null;
    });
  }
}
