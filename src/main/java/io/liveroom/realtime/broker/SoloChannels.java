package io.liveroom.realtime.broker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which channels without history no other node receives, so that this node's publications to them
 * can skip Redis: they are delivered on this node first anyway (see {@link RedisBroker#publish}).
 *
 * <p>A channel becomes solo when a PUBLISH to it reached exactly one subscriber at Redis and that
 * subscriber is this node (its SUBSCRIBE acknowledged on the current PUB/SUB connection). It stops
 * being solo when another node announces its subscription, when this node's subscription or
 * connection ends, and after {@link #RECHECK_NANOS}, when the next publication goes through Redis
 * again and counts anew. The recheck bounds what a lost announcement can cost a node that has just
 * subscribed; a publication racing a subscription is at most once, as always without history.
 */
final class SoloChannels {
  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> soloSince = new ConcurrentHashMap<>();
  /** Counts announcements, so a PUBLISH answered after one cannot make its channel solo. */
  private final AtomicLong announcements = new AtomicLong();

  void subscribed(String channel) {
    confirmed.add(channel);
  }

  void unsubscribed(String channel) {
    confirmed.remove(channel);
    soloSince.remove(channel);
  }

  void connectionLost() {
    confirmed.clear();
    soloSince.clear();
  }

  void otherNodeSubscribed(String channel) {
    announcements.incrementAndGet();
    soloSince.remove(channel);
  }

  /** True when a publication made at {@code now} may skip Redis. */
  boolean solo(String channel, long now) {
    Long since = soloSince.get(channel);
    return since != null && now - since < RECHECK_NANOS;
  }

  /** A mark taken before a PUBLISH is sent, for {@link #published}. */
  long mark() {
    return announcements.get();
  }

  /** Redis answered a PUBLISH sent at {@code sentAt} (after {@code mark}) with its receiver count. */
  void published(String channel, long receivers, long sentAt, long mark) {
    if (receivers == 1 && confirmed.contains(channel) && announcements.get() == mark) {
      soloSince.put(channel, sentAt);
    } else {
      soloSince.remove(channel);
    }
  }
}
