package io.liveroom.realtime.broker;

import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.vertx.core.Future;

/**
 * Moves publications and events between the nodes that have subscribers for a channel, and keeps
 * channel history.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Delivery to listeners is at most once: a message published while a node's subscription
 *   is broken is lost for that node. {@link BrokerListener#onResubscribed()} tells the node so it
 *   can make its clients recover instead of leaving a silent gap.</li>
 *   <li>{@link #publish} into a channel with history appends to the history stream and publishes
 *   in one atomic step: every publication a subscriber sees has an offset, and every offset in
 *   the stream was published. Offsets grow by one within an epoch; a new epoch means the history
 *   was lost (for example Redis restarted without persistence).</li>
 *   <li>Publications of one channel from one node reach each node in publish order. With
 *   history, every node sees the same order (the offsets'). Without history the publishing node
 *   delivers to its own subscribers first, so concurrent publications from different nodes may
 *   interleave differently on different nodes; there are no offsets to order them by.</li>
 * </ul>
 */
public interface Broker {
  /** Connects and starts delivering messages of subscribed channels to the listener. */
  Future<Void> start(BrokerListener listener);

  /** Starts receiving a channel on this node. Idempotent. */
  Future<Void> subscribe(String channel);

  /** Stops receiving a channel on this node. Idempotent. */
  Future<Void> unsubscribe(String channel);

  /**
   * Publishes (and, when {@code history.size() > 0}, appends to history atomically). Returns the
   * publication's position; offset 0 and an empty epoch when the channel keeps no history.
   */
  Future<StreamPosition> publish(String channel, Publication publication, HistorySpec history);

  /** Publishes an event (join, leave, message, control) with no history, at most once. */
  Future<Void> publishEvent(String channel, BrokerEvent event);

  /** Reads history: publications after {@code query.since()} (exclusive) and the stream top. */
  Future<HistoryPage> history(String channel, HistoryQuery query);

  /** Stops delivering and releases connections. */
  Future<Void> close();
}
