package io.liveroom.realtime.broker;

import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A single-node broker (and history) in memory, for a one-node deployment and tests. It keeps the
 * {@link Broker} guarantees within one process; history is lost on restart (a new epoch).
 * All state is guarded by this object's monitor: calls come from several event loops.
 */
public final class MemoryBroker implements Broker {
  private final Set<String> subscribed = new HashSet<>();
  private final Map<String, Stream> streams = new HashMap<>();
  private final String epoch = UUID.randomUUID().toString().substring(0, 8);
  private volatile BrokerListener listener;

  private static final class Stream {
    final ArrayDeque<Publication> pubs = new ArrayDeque<>();
    long top;
    long expiresAt;
  }

  @Override
  public Future<Void> start(BrokerListener listener) {
    this.listener = listener;
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> subscribe(String channel) {
    subscribed.add(channel);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> unsubscribe(String channel) {
    subscribed.remove(channel);
    return Future.succeededFuture();
  }

  @Override
  public Future<StreamPosition> publish(String channel, Publication publication, HistorySpec history) {
    StreamPosition position;
    boolean deliver;
    Publication withOffset = publication;
    synchronized (this) {
      position = StreamPosition.NONE;
      if (history.enabled()) {
        Stream s = stream(channel, history);
        s.top++;
        withOffset = publication.toBuilder().setOffset(s.top).build();
        s.pubs.addLast(withOffset);
        while (s.pubs.size() > history.size()) {
          s.pubs.removeFirst();
        }
        position = new StreamPosition(s.top, epoch);
      }
      deliver = subscribed.contains(channel);
    }
    if (deliver && listener != null) {
      listener.onPublication(channel, withOffset, position.epoch());
    }
    return Future.succeededFuture(position);
  }

  private Stream stream(String channel, HistorySpec spec) {
    long now = System.currentTimeMillis();
    Stream s = streams.computeIfAbsent(channel, c -> new Stream());
    if (s.expiresAt != 0 && s.expiresAt < now) {
      s.pubs.clear();
    }
    s.expiresAt = now + spec.ttlSeconds() * 1000;
    return s;
  }

  @Override
  public Future<Void> publishEvent(String channel, BrokerEvent event) {
    boolean deliver;
    synchronized (this) {
      deliver = subscribed.contains(channel);
    }
    if (deliver && listener != null) {
      listener.onEvent(channel, event);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<HistoryPage> history(String channel, HistoryQuery query) {
    Stream s = streams.get(channel);
    if (s == null) {
      return Future.succeededFuture(new HistoryPage(List.of(), new StreamPosition(0, epoch)));
    }
    if (s.expiresAt < System.currentTimeMillis()) {
      s.pubs.clear();
    }
    List<Publication> out = new ArrayList<>();
    Iterator<Publication> it = query.reverse() ? s.pubs.descendingIterator() : s.pubs.iterator();
    while (it.hasNext() && (query.limit() < 0 || out.size() < query.limit())) {
      Publication p = it.next();
      if (query.reverse() ? (query.since() == 0 || p.getOffset() < query.since()) : p.getOffset() > query.since()) {
        out.add(p);
      }
    }
    return Future.succeededFuture(new HistoryPage(out, new StreamPosition(s.top, epoch)));
  }

  @Override
  public Future<Void> close() {
    listener = null;
    return Future.succeededFuture();
  }
}
