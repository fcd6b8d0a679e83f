package io.liveroom.realtime;

import io.liveroom.config.RealtimeConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.protocol.BadFrameException;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.ws.WsSocket;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The inbound side of one connection, on its hub's event loop: decodes each frame into commands,
 * applies the command rate limit, refuses anything before connect, keeps a connection's publishes
 * in the order it sent them, and hands each command to the {@link CommandHandler}.
 */
final class CommandIntake {
  private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);

  private final ClientSession session;
  private final WsSocket ws;
  private final Codec codec;
  private final int rateLimitWarnings;
  private final CommandBucket rate;
  private final CommandHandler commands;
  private boolean connecting;
  /** The newest publish still in flight (null when none): see {@link #inOrder}. */
  private Future<Void> publishing;

  CommandIntake(ClientSession session, WsSocket ws, Codec codec, CommandContext node) {
    this.session = session;
    this.ws = ws;
    this.codec = codec;
    RealtimeConfig c = node.config();
    this.rateLimitWarnings = c.rateLimitWarnings();
    this.rate = new CommandBucket(c.commandsPerSecond(), c.commandBurst());
    this.commands = new CommandHandler(session, node);
  }

  /** A connect is being handled: the handshake deadline does not apply meanwhile. */
  boolean connecting() {
    return connecting;
  }

  void onFrame(byte[] frame) {
    List<Command> batch;
    try {
      batch = codec.decode(frame);
    } catch (BadFrameException e) {
      LOG.info("Client {} (user {}) sent a bad frame: {}", session.clientId(), session.userLabel(), e.getMessage());
      session.disconnect(DisconnectCode.BAD_REQUEST);
      return;
    }
    Future<Void> chain = Future.succeededFuture();
    for (Command cmd : batch) {
      chain = chain.compose(v -> session.closed() ? Future.succeededFuture() : handle(cmd));
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
      if (rate.warnings() > rateLimitWarnings) {
        session.disconnect(DisconnectCode.TOO_MANY_REQUESTS);
        return Future.succeededFuture();
      }
      session.enqueue(codec.encode(CommandHandler.error(cmd.getId(),
        AppException.of(ErrorCode.RATE_LIMITED, "Too many commands."))));
      return Future.succeededFuture();
    }
    if (!session.connected() && !cmd.hasConnect()) {
      LOG.info("Client {} sent a command before connect", session.clientId());
      session.disconnect(DisconnectCode.BAD_REQUEST);
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
    Future<Void> mine = previous.transform(v -> session.closed() ? Future.succeededFuture() : commands.handle(cmd));
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
}
