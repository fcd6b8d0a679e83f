package io.liveroom.realtime;

import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connections of ONE event loop and their channel subscriptions. Everything here runs on that
 * loop, so it uses plain collections and no locks.
 *
 * <p>Writes are batched per tick: a push is queued on each subscriber and the connection is marked
 * dirty; one task at the end of the tick flushes every dirty connection with one WebSocket frame.
 * With {@code realtime.writeDelayMillis} above zero the flush waits that long instead, so that
 * pushes arriving meanwhile share the frame (fewer writes, more latency).
 */
final class Hub {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hub.class);
  final Context context;
  private final Fanout fanout;
  private final Map<String, Set<Subscription>> channels = new HashMap<>();
  /**
   * A snapshot of each channel's subscribers for delivery, rebuilt on the first publication after
   * a change: a delivery may drop its subscriber (a slow consumer), which changes the set, and
   * publications are far more frequent than joins and leaves in a busy room.
   */
  private final Map<String, Subscription[]> snapshots = new HashMap<>();
  private final int writeDelayMillis;
  private final Set<ClientSession> sessions = new HashSet<>();
  private final List<Outbox> dirty = new ArrayList<>();
  private final Handler<Void> flushTask = v -> flush();
  private boolean flushScheduled;
  long delivered;

  Hub(Context context, Fanout fanout, int writeDelayMillis) {
    this.context = context;
    this.fanout = fanout;
    this.writeDelayMillis = writeDelayMillis;
    context.owner().setPeriodic(1000, id -> context.runOnContext(v -> tick()));
  }

  void addSession(ClientSession s) {
    sessions.add(s);
  }

  void removeSession(ClientSession s) {
    sessions.remove(s);
  }

  int sessionCount() {
    return sessions.size();
  }

  /** Adds a subscription; the first one of a channel on this loop subscribes the node to it. */
  Future<Void> attach(Subscription sub) {
    Set<Subscription> subs = channels.get(sub.channel);
    if (subs == null) {
      subs = new HashSet<>(4);
      channels.put(sub.channel, subs);
    }
    subs.add(sub);
    snapshots.remove(sub.channel);
    return fanout.join(sub.channel, this);
  }

  /** This loop's subscriptions to a channel. */
  int subscribers(String channel) {
    Set<Subscription> subs = channels.get(channel);
    return subs == null ? 0 : subs.size();
  }

  void detach(Subscription sub) {
    Set<Subscription> subs = channels.get(sub.channel);
    if (subs != null && subs.remove(sub)) {
      snapshots.remove(sub.channel);
      if (subs.isEmpty()) {
        channels.remove(sub.channel);
        fanout.leave(sub.channel, this);
      }
    }
  }

  void deliverPublication(String channel, Publication pub, String epoch, EncodedReply push) {
    Set<Subscription> subs = channels.get(channel);
    if (subs == null) {
      return;
    }
    long offset = pub.getOffset();
    Subscription[] targets = snapshots.computeIfAbsent(channel, c -> subs.toArray(new Subscription[0]));
    FramedPush framed = new FramedPush(push);
    try {
      for (Subscription sub : targets) {
        sub.deliver(offset, epoch, push, framed);
      }
    } finally {
      framed.release();
    }
    delivered += targets.length;
  }

  void deliverEvent(String channel, BrokerEvent event, EncodedReply push) {
    Set<Subscription> subs = channels.get(channel);
    if (subs == null) {
      return;
    }
    for (Subscription sub : List.copyOf(subs)) {
      sub.session.onEvent(sub, event, push);
    }
  }

  /** The broker may have lost messages: every history subscription must resubscribe and recover. */
  void insufficientState() {
    List<Subscription> recoverable = new ArrayList<>();
    channels.values().forEach(subs -> subs.stream().filter(s -> s.recoverable).forEach(recoverable::add));
    recoverable.forEach(s -> s.session.resubscribe(s));
  }

  /** Whether dirty connections are flushed at the end of every event-loop turn (no write delay). */
  boolean flushesEveryTick() {
    return writeDelayMillis == 0;
  }

  void markDirty(Outbox s) {
    dirty.add(s);
    if (!flushScheduled) {
      flushScheduled = true;
      if (writeDelayMillis == 0) {
        context.runOnContext(flushTask);
      } else {
        context.owner().setTimer(writeDelayMillis, id -> flush());
      }
    }
  }

  private void flush() {
    flushScheduled = false;
    for (int i = 0; i < dirty.size(); i++) {
      // One failing connection must not stop the others: every session here has its dirty flag
      // cleared and would never be marked (so never flushed) again if the loop stopped half-way.
      try {
        dirty.get(i).flush();
      } catch (RuntimeException e) {
        LOG.warn("Flush to one connection failed; the other connections of this tick are still flushed", e);
      }
    }
    dirty.clear();
  }

  private void tick() {
    long now = System.currentTimeMillis();
    for (ClientSession s : List.copyOf(sessions)) {
      s.tick(now);
    }
  }

  /** Closes every connection of this loop with the shutdown code (clients reconnect elsewhere). */
  void closeAll(DisconnectCode code) {
    for (ClientSession s : List.copyOf(sessions)) {
      s.disconnect(code);
    }
  }
}
