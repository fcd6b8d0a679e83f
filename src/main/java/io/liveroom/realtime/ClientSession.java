package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.liveroom.config.RealtimeConfig;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.protocol.BadFrameException;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.Unsubscribe;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.ws.WsSocket;
import io.vertx.core.Future;
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
 * <p>Outbound goes through its {@link Outbox}, flushed by the hub once per tick.
 */
final class ClientSession implements WsSocket.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  static final int UNSUBSCRIBE_SERVER = 2000;
  static final int UNSUBSCRIBE_INSUFFICIENT_STATE = 2500;

  final WsSocket ws;
  final Hub hub;
  final Codec codec;
  final RealtimeServer server;
  final String clientId = UUID.randomUUID().toString();
  Principal principal;
  long expiresAt;
  Map<String, Subscription> subs;
  private final CommandHandler commands;
  private final CommandBucket rate;
  private final Outbox outbox;
  private boolean connecting;
  /** The newest publish still in flight (null when none): see {@link #inOrder}. */
  private Future<Void> publishing;
  private boolean closed;
  private long deadline;
  private long nextPingAt;
  private long pongDeadline;
  private long nextPresenceAt;

  ClientSession(WsSocket ws, Hub hub, Codec codec, RealtimeServer server) {
    this.ws = ws;
    this.hub = hub;
    this.codec = codec;
    this.server = server;
    this.commands = new CommandHandler(this);
    RealtimeConfig c = server.config();
    this.rate = new CommandBucket(c.commandsPerSecond(), c.commandBurst());
    this.deadline = System.currentTimeMillis() + c.handshakeTimeoutSeconds() * 1000L;
    this.outbox = new Outbox(ws, codec, hub, c.maxQueueBytes(), this::onOverflow);
  }

  void start() {
    hub.addSession(this);
    server.metrics().connectionOpened();
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
    List<Command> batch;
    try {
      batch = codec.decode(frame);
    } catch (BadFrameException e) {
      LOG.info("Client {} (user {}) sent a bad frame: {}", clientId, userLabel(), e.getMessage());
      disconnect(DisconnectCode.BAD_REQUEST);
      return;
    }
    Future<Void> chain = Future.succeededFuture();
    for (Command cmd : batch) {
      chain = chain.compose(v -> closed ? Future.succeededFuture() : handle(cmd));
    }
    if (connecting) {
      // No other frame is read until connect settles: commands keep their order.
      ws.pause();
      chain.onComplete(v -> ws.resume());
    }
  }

  private Future<Void> handle(Command cmd) {
    if (cmd.getId() == 0 && isEmpty(cmd)) {
      return Future.succeededFuture(); // the client's pong
    }
    if (!rate.tryAcquire(System.nanoTime())) {
      if (rate.warnings() > server.config().rateLimitWarnings()) {
        disconnect(DisconnectCode.TOO_MANY_REQUESTS);
        return Future.succeededFuture();
      }
      enqueue(codec.encode(CommandHandler.error(cmd.getId(),
        io.liveroom.error.AppException.of(io.liveroom.error.ErrorCode.RATE_LIMITED, "Too many commands."))));
      return Future.succeededFuture();
    }
    if (!connected() && !cmd.hasConnect()) {
      LOG.info("Client {} sent a command before connect", clientId);
      disconnect(DisconnectCode.BAD_REQUEST);
      return Future.succeededFuture();
    }
    if (cmd.hasConnect()) {
      connecting = true;
      return commands.handle(cmd).onComplete(v -> connecting = false);
    }
    if (cmd.hasPublish()) {
      return inOrder(cmd);
    }
    return commands.handle(cmd);
  }

  /**
   * A connection's publishes are handled one after another, in the order it sent them. Admission
   * is asynchronous (a namespace may ask PostgreSQL and Redis), so two publishes from separate
   * frames handled at once could overtake each other and a sender's chat would reach the room out
   * of order. Other commands stay concurrent. Runs on the session's event loop only.
   */
  private Future<Void> inOrder(Command cmd) {
    Future<Void> previous = publishing == null ? Future.succeededFuture() : publishing;
    Future<Void> mine = previous.transform(v -> closed ? Future.succeededFuture() : commands.handle(cmd));
    publishing = mine;
    mine.onComplete(v -> {
      if (publishing == mine) {
        publishing = null;
      }
    });
    return mine;
  }

  private static boolean isEmpty(Command cmd) {
    return cmd.getAllFields().isEmpty();
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
    server.metrics().slowDropped();
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
      case UNSUBSCRIBE -> {
        Subscription target = subs == null ? null : subs.get(event.payloadText());
        if (target != null) {
          serverUnsubscribe(target, UNSUBSCRIBE_SERVER, "server unsubscribe");
        }
      }
      default -> {
      }
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
    removeSubscription(sub);
    reply(Reply.newBuilder().setPush(Push.newBuilder().setChannel(sub.channel)
      .setUnsubscribe(Unsubscribe.newBuilder().setCode(code).setReason(reason))).build());
  }

  void addSubscription(Subscription sub) {
    if (subs == null) {
      subs = new HashMap<>(4);
    }
    subs.put(sub.channel, sub);
    server.metrics().subscriptionAdded();
  }

  void removeSubscription(Subscription sub) {
    if (subs != null && subs.remove(sub.channel, sub)) {
      hub.detach(sub);
      server.metrics().subscriptionRemoved();
      server.afterUnsubscribe(this, sub);
    }
  }

  // ---- timers and lifecycle ----

  void tick(long now) {
    RealtimeConfig c = server.config();
    if (!connected()) {
      if (now > deadline && !connecting) {
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
      server.refreshPresence(this);
    }
  }

  void onConnected(Principal principal, long expiresAt) {
    this.principal = principal;
    this.expiresAt = expiresAt;
    long now = System.currentTimeMillis();
    this.nextPingAt = now + server.config().pingIntervalSeconds() * 1000L;
    this.nextPresenceAt = now + server.config().presenceUpdateSeconds() * 1000L;
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
    server.metrics().disconnected(code);
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
    server.metrics().connectionClosed();
    if (subs != null) {
      for (Subscription sub : List.copyOf(subs.values())) {
        removeSubscription(sub);
      }
    }
    if (principal != null) {
      server.connectionGone(this);
    }
  }

  boolean closed() {
    return closed;
  }

  String userLabel() {
    return principal == null ? "-" : Long.toString(principal.userId());
  }
}
