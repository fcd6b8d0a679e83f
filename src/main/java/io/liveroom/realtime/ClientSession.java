package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.liveroom.config.RealtimeConfig;
import io.liveroom.infra.CallerContext;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.Unsubscribe;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.ws.WsSocket;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One WebSocket connection speaking the client protocol. It lives on one event loop (its
 * {@link Hub}'s) and is touched only there.
 *
 * <p>Outbound goes through its {@link Outbox}, flushed by the hub once per tick. Its state (who
 * it is, until when, which channels) changes only through its own methods: the command handlers
 * ask it to {@link #authenticate}, {@link #subscribe} and {@link #unsubscribe}.
 */
final class ClientSession implements WsSocket.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  static final int UNSUBSCRIBE_SERVER = 2000;
  static final int UNSUBSCRIBE_INSUFFICIENT_STATE = 2500;

  private final WsSocket ws;
  private final Hub hub;
  private final Codec codec;
  private final CommandContext node;
  private final String clientId = UUID.randomUUID().toString();
  /** Who is connected (null until connect succeeds) and until when (epoch millis, 0 = no expiry). */
  private Principal principal;
  private long expiresAt;
  private Map<String, Subscription> subs;
  private final CommandIntake intake;
  private final Outbox outbox;
  private boolean closed;
  private long deadline;
  private long nextPingAt;
  private long pongDeadline;
  private long nextPresenceAt;

  ClientSession(WsSocket ws, Hub hub, Codec codec, CommandContext node) {
    this.ws = ws;
    this.hub = hub;
    this.codec = codec;
    this.node = node;
    this.intake = new CommandIntake(this, ws, codec, node);
    RealtimeConfig c = node.config();
    this.deadline = System.currentTimeMillis() + c.handshakeTimeoutSeconds() * 1000L;
    this.outbox = new Outbox(ws, codec, hub, c.maxQueueBytes(), this::onOverflow);
  }

  void start() {
    hub.addSession(this);
    node.metrics().connectionOpened();
    ws.listener(this);
  }

  boolean connected() {
    return principal != null;
  }

  // ---- inbound ----

  @Override
  public void onMessage(byte[] frame) {
    if (closed) {
      return;
    }
    pongDeadline = 0;
    intake.onFrame(frame);
  }

  // ---- outbound ----

  void reply(Reply reply) {
    enqueue(codec.encode(reply));
  }

  void enqueue(byte[] bytes) {
    outbox.add(bytes);
  }

  void publication(EncodedReply push, FramedPush framed) {
    outbox.publication(push, framed);
  }

  /** The queue passed {@code realtime.maxQueueBytes}: the client is not reading. */
  private void onOverflow(int queuedBytes) {
    node.metrics().slowDropped();
    LOG.info("Client {} (user {}) is not reading ({} bytes queued); disconnecting as slow", clientId, userLabel(),
      queuedBytes);
    // Not inline: we may be inside the hub's loop over this channel's subscribers.
    hub.context.runOnContext(v -> disconnect(DisconnectCode.SLOW));
  }

  @Override
  public void onWritable() {
    outbox.flush();
  }

  // ---- events from the hub ----

  void onEvent(Subscription sub, BrokerEvent event, EncodedReply push) {
    switch (event.type()) {
      case JOIN, LEAVE, MESSAGE -> {
        if (sub.live()) {
          enqueue(push.bytes(codec));
        }
      }
      case DISCONNECT -> disconnectOrder(event.payloadText());
      case UNSUBSCRIBE -> unsubscribeOrder(event.payloadText().split("\n", 3));
      default -> {
      }
    }
  }

  /** "channel", or "channel\ncode\nreason" with the code and reason the client is told. */
  private void unsubscribeOrder(String[] order) {
    Subscription target = subs == null ? null : subs.get(order[0]);
    if (target != null) {
      boolean coded = order.length == 3;
      serverUnsubscribe(target, coded ? Integer.parseInt(order[1]) : UNSUBSCRIBE_SERVER,
        coded ? order[2] : "server unsubscribe");
    }
  }

  /** "code" closes this connection; "code sessionId" only if it belongs to that login session. */
  private void disconnectOrder(String order) {
    int space = order.indexOf(' ');
    if (space > 0 && (principal == null || !order.substring(space + 1).equals(principal.sessionId()))) {
      return;
    }
    disconnect(DisconnectCode.byCode(Integer.parseInt(space > 0 ? order.substring(0, space) : order)));
  }

  /** Drops a subscription and tells the SDK to subscribe again with recovery (code 2500). */
  void resubscribe(Subscription sub) {
    // Deferred: called from the hub's loop over the channel's subscribers, which it would modify.
    hub.context.runOnContext(v -> serverUnsubscribe(sub, UNSUBSCRIBE_INSUFFICIENT_STATE, "insufficient state"));
  }

  void serverUnsubscribe(Subscription sub, int code, String reason) {
    if (subs == null || subs.get(sub.channel) != sub) {
      return;
    }
    unsubscribe(sub);
    reply(Reply.newBuilder().setPush(Push.newBuilder().setChannel(sub.channel)
      .setUnsubscribe(Unsubscribe.newBuilder().setCode(code).setReason(reason))).build());
  }

  // ---- subscriptions ----

  /**
   * Adds the subscription and attaches it to this loop's hub; completes (on this session's loop)
   * once the node is subscribed at the broker. Publications arriving meanwhile wait in the
   * subscription until it goes live.
   */
  Future<Void> subscribe(Subscription sub) {
    if (subs == null) {
      subs = new HashMap<>(4);
    }
    subs.put(sub.channel, sub);
    node.metrics().subscriptionAdded();
    return onLoop(hub.attach(sub));
  }

  /** Drops the subscription if it is still this session's (a no-op otherwise). */
  void unsubscribe(Subscription sub) {
    if (subs != null && subs.remove(sub.channel, sub)) {
      hub.detach(sub);
      node.metrics().subscriptionRemoved();
      node.afterUnsubscribe(this, sub);
    }
  }

  /** This session's subscription to the channel, or null. */
  Subscription subscription(String channel) {
    return subs == null ? null : subs.get(channel);
  }

  boolean subscribed(String channel) {
    return subs != null && subs.containsKey(channel);
  }

  int subscriptionCount() {
    return subs == null ? 0 : subs.size();
  }

  /** Subscriptions to the channel on this session's event loop (all sessions of its hub). */
  int localSubscribers(String channel) {
    return hub.subscribers(channel);
  }

  // ---- timers and lifecycle ----

  void tick(long now) {
    RealtimeConfig c = node.config();
    if (!connected()) {
      if (now > deadline && !intake.connecting()) {
        disconnect(DisconnectCode.STALE);
      }
      return;
    }
    if (pongDeadline != 0 && now > pongDeadline) {
      disconnect(DisconnectCode.NO_PONG);
      return;
    }
    if (expiresAt != 0 && now > expiresAt) {
      disconnect(DisconnectCode.EXPIRED);
      return;
    }
    // No new ping while one is unanswered: a new ping would push the pong deadline out forever.
    if (pongDeadline == 0 && now >= nextPingAt) {
      enqueue(codec.ping());
      nextPingAt = now + c.pingIntervalSeconds() * 1000L;
      pongDeadline = now + c.pongTimeoutSeconds() * 1000L;
    }
    if (now >= nextPresenceAt && subs != null) {
      nextPresenceAt = now + c.presenceUpdateSeconds() * 1000L;
      for (Subscription sub : subs.values()) {
        node.refreshPresence(this, sub);
      }
    }
  }

  /** Connect succeeded: the session is this user's until {@code expiresAt} (0 = no expiry); pings start. */
  void authenticate(Principal principal, long expiresAt) {
    this.principal = principal;
    this.expiresAt = expiresAt;
    long now = System.currentTimeMillis();
    this.nextPingAt = now + node.config().pingIntervalSeconds() * 1000L;
    this.nextPresenceAt = now + node.config().presenceUpdateSeconds() * 1000L;
  }

  /** A refresh with a newer token of the same user: only who and until when change. */
  void reauthenticate(Principal principal, long expiresAt) {
    this.principal = principal;
    this.expiresAt = expiresAt;
  }

  void disconnect(DisconnectCode code) {
    if (closed) {
      return;
    }
    if (code != DisconnectCode.SLOW) {
      outbox.flush();
    }
    closed = true;
    outbox.close();
    node.metrics().disconnected(code);
    ws.close(code.code(), code.reason());
    cleanup();
  }

  /** A frame the WebSocket layer refused (too big, bad framing) leaves the stream unusable: close it. */
  @Override
  public void onViolation(boolean tooBig, String detail) {
    LOG.info("Client {} (user {}) sent a refused frame: {}", clientId, userLabel(), detail);
    disconnect(tooBig ? DisconnectCode.MESSAGE_SIZE_LIMIT : DisconnectCode.BAD_REQUEST);
  }

  @Override
  public void onClosed() {
    closed = true;
    outbox.close();
    cleanup();
  }

  private boolean cleaned;

  private void cleanup() {
    if (cleaned) {
      return;
    }
    cleaned = true;
    hub.removeSession(this);
    node.metrics().connectionClosed();
    if (subs != null) {
      for (Subscription sub : List.copyOf(subs.values())) {
        unsubscribe(sub);
      }
    }
    if (principal != null) {
      node.connectionGone(principal.userId(), clientId);
    }
  }

  boolean closed() {
    return closed;
  }

  // ---- identity and event loop ----

  /** The authenticated user, or null before connect. */
  Principal principal() {
    return principal;
  }

  /** When the token expires (epoch millis), or 0 when it does not. */
  long expiresAt() {
    return expiresAt;
  }

  String clientId() {
    return clientId;
  }

  String userLabel() {
    return principal == null ? "-" : Long.toString(principal.userId());
  }

  /** Who this connection is, as joins, leaves, presence and client publications carry it. */
  ClientInfo info() {
    return ClientInfo.newBuilder().setUser(userLabel()).setClient(clientId).build();
  }

  /**
   * Brings a future's completion back to this session's event loop: capabilities, the broker and
   * presence are shared by every loop and may complete anywhere ({@link CallerContext}).
   */
  <T> Future<T> onLoop(Future<T> f) {
    return CallerContext.on(hub.context, f);
  }

  /** Runs {@code action} later on this session's event loop (after the current task). */
  void later(Handler<Void> action) {
    hub.context.runOnContext(action);
  }
}
