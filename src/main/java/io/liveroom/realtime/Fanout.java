package io.liveroom.realtime;

import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.broker.BrokerListener;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Join;
import io.liveroom.realtime.protocol.ClientProtocol.Leave;
import io.liveroom.realtime.protocol.ClientProtocol.Message;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Node-wide routing from the broker to the event loops: which hubs have subscribers for which
 * channel. A publication is wrapped once into an {@link EncodedReply} and handed to each hub on its
 * own loop; the node is subscribed at the broker while at least one hub has subscribers.
 */
final class Fanout implements BrokerListener {
  private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

  private final Broker broker;
  private final RealtimeMetrics metrics;
  private final Map<String, Set<Hub>> hubsByChannel = new ConcurrentHashMap<>();
  private final Set<Hub> hubs = new CopyOnWriteArraySet<>();

  Fanout(Broker broker, RealtimeMetrics metrics) {
    this.broker = broker;
    this.metrics = metrics;
  }

  void addHub(Hub hub) {
    hubs.add(hub);
  }

  Set<Hub> hubs() {
    return hubs;
  }

  /** A hub has (another) subscriber for the channel; completes once the broker delivers it. */
  io.vertx.core.Future<Void> join(String channel, Hub hub) {
    hubsByChannel.compute(channel, (c, set) -> {
      Set<Hub> s = set == null ? new CopyOnWriteArraySet<>() : set;
      s.add(hub);
      return s;
    });
    return broker.subscribe(channel);
  }

  void leave(String channel, Hub hub) {
    boolean[] last = {false};
    hubsByChannel.computeIfPresent(channel, (c, set) -> {
      set.remove(hub);
      last[0] = set.isEmpty();
      return last[0] ? null : set;
    });
    if (last[0]) {
      broker.unsubscribe(channel).onFailure(e -> LOG.debug("Unsubscribing {} at the broker failed: {}", channel,
        e.getMessage()));
    }
  }

  @Override
  public void onPublication(String channel, Publication pub, String epoch) {
    Set<Hub> targets = hubsByChannel.get(channel);
    metrics.publicationReceived();
    if (targets == null) {
      return;
    }
    EncodedReply push = new EncodedReply(Reply.newBuilder()
      .setPush(Push.newBuilder().setChannel(channel).setPub(pub)).build());
    for (Hub hub : targets) {
      hub.context.runOnContext(v -> hub.deliverPublication(channel, pub, epoch, push));
    }
  }

  @Override
  public void onEvent(String channel, BrokerEvent event) {
    Set<Hub> targets = hubsByChannel.get(channel);
    if (targets == null) {
      return;
    }
    EncodedReply push;
    try {
      push = pushOf(channel, event);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("Dropped an unreadable {} event on channel {}", event.type(), channel);
      return;
    }
    for (Hub hub : targets) {
      hub.context.runOnContext(v -> hub.deliverEvent(channel, event, push));
    }
  }

  private static EncodedReply pushOf(String channel, BrokerEvent event) throws InvalidProtocolBufferException {
    Push.Builder p = Push.newBuilder();
    switch (event.type()) {
      case JOIN -> p.setChannel(channel).setJoin(Join.newBuilder().setInfo(ClientInfo.parseFrom(event.payload())));
      case LEAVE -> p.setChannel(channel).setLeave(Leave.newBuilder().setInfo(ClientInfo.parseFrom(event.payload())));
      case MESSAGE -> p.setMessage(Message.newBuilder().setData(ByteString.copyFrom(event.payload())));
      default -> {
        return null;
      }
    }
    return new EncodedReply(Reply.newBuilder().setPush(p).build());
  }

  @Override
  public void onResubscribed() {
    for (Hub hub : hubs) {
      hub.context.runOnContext(v -> hub.insufficientState());
    }
  }
}
