package io.liveroom.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's subscription to one channel. While the subscribe command is still reading
 * history the subscription is not live: publications that arrive meanwhile are buffered, then
 * merged by offset after the reply, so nothing falls between history and live delivery.
 */
final class Subscription {
  final ClientSession session;
  final String channel;
  final ChannelNamespace namespace;
  final boolean recoverable;
  private boolean live;
  private List<Object> buffer;
  private long lastOffset;
  private String epoch = "";

  Subscription(ClientSession session, String channel, ChannelNamespace namespace) {
    this.session = session;
    this.channel = channel;
    this.namespace = namespace;
    this.recoverable = namespace.options().historySize() > 0;
  }

  /** {@code framed}: the hub's shared frame of {@code push}, or null (then the session frames it). */
  void deliver(long offset, String epoch, EncodedReply push, FramedPush framed) {
    if (!live) {
      if (buffer == null) {
        buffer = new ArrayList<>();
      }
      buffer.add(offset);
      buffer.add(epoch);
      buffer.add(push);
      return;
    }
    if (offset != 0) {
      if (offset <= lastOffset && epoch.equals(this.epoch)) {
        return;
      }
      if (recoverable && (offset > lastOffset + 1 || !epoch.equals(this.epoch))) {
        // A publication was missed (broker outage): make the client recover rather than skip it.
        session.resubscribe(this);
        return;
      }
      lastOffset = offset;
    }
    session.publication(push, framed);
  }

  /** Goes live at {@code position}: buffered publications after it are delivered, older ones dropped. */
  void goLive(long position, String epoch) {
    lastOffset = position;
    this.epoch = epoch;
    live = true;
    List<Object> pending = buffer;
    buffer = null;
    if (pending != null) {
      for (int i = 0; i < pending.size(); i += 3) {
        deliver((Long) pending.get(i), (String) pending.get(i + 1), (EncodedReply) pending.get(i + 2), null);
      }
    }
  }

  boolean live() {
    return live;
  }
}
