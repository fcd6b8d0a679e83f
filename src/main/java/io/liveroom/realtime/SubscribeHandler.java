package io.liveroom.realtime;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.broker.HistoryPage;
import io.liveroom.realtime.broker.HistoryQuery;
import io.liveroom.realtime.broker.HistorySpec;
import io.liveroom.realtime.protocol.ClientProtocol.HistoryRequest;
import io.liveroom.realtime.protocol.ClientProtocol.HistoryResult;
import io.liveroom.realtime.protocol.ClientProtocol.PresenceResult;
import io.liveroom.realtime.protocol.ClientProtocol.PresenceStatsResult;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeRequest;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeResult;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code subscribe} (with recovery), {@code history}, {@code presence} and {@code presence_stats}.
 *
 * <p>Subscribe order matters for "no gap": the subscription is attached (and the node subscribed
 * at the broker) BEFORE the history top is read, publications arriving meanwhile are buffered, and
 * the subscription goes live at the top it reported, so every later offset is delivered exactly once.
 */
final class SubscribeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);
  private final ClientSession session;
  private final CommandContext node;

  SubscribeHandler(ClientSession session, CommandContext node) {
    this.session = session;
    this.node = node;
  }

  Future<Reply.Builder> subscribe(SubscribeRequest req) {
    String channel = req.getChannel();
    ChannelNamespace ns = node.namespace(channel);
    checkNotSubscribed(channel);
    if (session.subscriptionCount() >= node.config().maxChannelsPerConnection()) {
      throw AppException.of(ErrorCode.LIMIT_EXCEEDED, "Too many channels on this connection.");
    }
    return session.onLoop(ns.authorizeSubscribe(session.principal(), channel)).compose(v -> {
      checkNotSubscribed(channel);
      Subscription sub = new Subscription(session, channel, ns);
      return session.subscribe(sub)
        .compose(x -> session.onLoop(position(sub, req)))
        .map(result -> {
          if (session.subscription(channel) != sub) {
            throw AppException.of(ErrorCode.BAD_REQUEST, "Unsubscribed while subscribing.");
          }
          return result;
        })
        .recover(e -> {
          session.unsubscribe(sub);
          return Future.failedFuture(e);
        });
    });
  }

  private void checkNotSubscribed(String channel) {
    if (session.subscribed(channel)) {
      throw AppException.of(ErrorCode.ALREADY_SUBSCRIBED, "Already subscribed to this channel.");
    }
  }

  /** Reads the stream top (and the missed publications when recovering) and builds the result. */
  private Future<Reply.Builder> position(Subscription sub, SubscribeRequest req) {
    ChannelNamespace ns = sub.namespace;
    if (!sub.recoverable) {
      return Future.succeededFuture(live(sub, SubscribeResult.newBuilder(), 0, ""));
    }
    HistorySpec spec = node.historySpec(ns);
    boolean recovering = req.getRecover();
    HistoryQuery q = new HistoryQuery(req.getOffset(), recovering ? -1 : 0, false, spec);
    return node.history(sub.channel, q).map(page -> {
      // Positioned as well: every publication's offset is checked, and a gap makes the client
      // resubscribe and recover (Subscription.deliver), as the reference does with recovery on.
      SubscribeResult.Builder r = SubscribeResult.newBuilder().setRecoverable(true).setPositioned(true)
        .setEpoch(page.top().epoch()).setOffset(page.top().offset());
      if (recovering) {
        boolean recovered = recovered(req, page);
        r.setWasRecovering(true).setRecovered(recovered);
        if (recovered) {
          r.addAllPublications(page.publications());
        }
        node.metrics().recovery(recovered);
      }
      return live(sub, r, page.top().offset(), page.top().epoch());
    });
  }

  private static boolean recovered(SubscribeRequest req, HistoryPage page) {
    if (!page.top().epoch().equals(req.getEpoch()) || page.top().offset() < req.getOffset()) {
      return false;
    }
    if (page.top().offset() == req.getOffset()) {
      return true;
    }
    return !page.publications().isEmpty() && page.publications().get(0).getOffset() == req.getOffset() + 1;
  }

  /** Replies first, then lets buffered publications after the reported position through. */
  private Reply.Builder live(Subscription sub, SubscribeResult.Builder result, long offset, String epoch) {
    node.afterSubscribe(session, sub);
    session.later(v -> sub.goLive(offset, epoch));
    return Reply.newBuilder().setSubscribe(result);
  }

  Future<Reply.Builder> history(HistoryRequest req) {
    ChannelNamespace ns = node.namespace(req.getChannel());
    if (ns.options().historySize() == 0) {
      throw AppException.of(ErrorCode.NOT_AVAILABLE, "This channel keeps no history.");
    }
    HistorySpec spec = node.historySpec(ns);
    int limit = req.getLimit() < 0 ? spec.size() : Math.min(req.getLimit(), spec.size());
    long since = req.hasSince() ? req.getSince().getOffset() : 0;
    return authorized(ns, req.getChannel())
      .compose(v -> session.onLoop(node.history(req.getChannel(),
        new HistoryQuery(since, limit, req.getReverse(), spec))))
      .compose(page -> {
        if (req.hasSince() && !req.getSince().getEpoch().equals(page.top().epoch())) {
          throw AppException.of(ErrorCode.UNRECOVERABLE_POSITION, "The channel's history epoch changed.");
        }
        boolean gone = page.publications().isEmpty() && !req.hasSince() && limit != 0;
        return (gone ? fallback(ns, req, limit) : Future.succeededFuture(page.publications()))
          .map(pubs -> Reply.newBuilder().setHistory(HistoryResult.newBuilder().addAllPublications(pubs)
            .setEpoch(page.top().epoch()).setOffset(page.top().offset())));
      });
  }

  /** The broker kept nothing: what the namespace can reload (no offsets), or nothing if that fails. */
  private Future<List<Publication>> fallback(ChannelNamespace ns, HistoryRequest req, int limit) {
    return session.onLoop(ns.historyFallback(req.getChannel(), limit)).map(list -> {
      List<Publication> pubs = new ArrayList<>(list.size());
      list.forEach(d -> pubs.add(Publication.newBuilder().setData(JsonBytes.of(d)).build()));
      if (req.getReverse()) {
        Collections.reverse(pubs);
      }
      return pubs;
    }).otherwise(e -> {
      LOG.warn("History fallback of {} failed for user {}: {}", req.getChannel(), session.userLabel(), e.toString());
      return List.of();
    });
  }

  Future<Reply.Builder> presence(String channel) {
    ChannelNamespace ns = presenceNamespace(channel);
    return authorized(ns, channel).compose(v -> session.onLoop(node.presence(channel)))
      .map(m -> Reply.newBuilder().setPresence(PresenceResult.newBuilder().putAllPresence(m)));
  }

  Future<Reply.Builder> presenceStats(String channel) {
    ChannelNamespace ns = presenceNamespace(channel);
    return authorized(ns, channel).compose(v -> session.onLoop(node.presenceStats(channel)))
      .map(s -> Reply.newBuilder().setPresenceStats(PresenceStatsResult.newBuilder()
        .setNumClients(s.clients()).setNumUsers(s.users())));
  }

  private ChannelNamespace presenceNamespace(String channel) {
    ChannelNamespace ns = node.namespace(channel);
    if (!ns.options().presence()) {
      throw AppException.of(ErrorCode.NOT_AVAILABLE, "This channel has no presence.");
    }
    return ns;
  }

  /** Reading a channel needs the same right as subscribing to it; a subscriber already has it. */
  private Future<Void> authorized(ChannelNamespace ns, String channel) {
    if (session.subscribed(channel)) {
      return Future.succeededFuture();
    }
    return session.onLoop(ns.authorizeSubscribe(session.principal(), channel));
  }
}
