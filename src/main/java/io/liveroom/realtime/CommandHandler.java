package io.liveroom.realtime;

import com.google.protobuf.ByteString;
import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.Failures;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.ConnectResult;
import io.liveroom.realtime.protocol.ClientProtocol.Error;
import io.liveroom.realtime.protocol.ClientProtocol.PingResult;
import io.liveroom.realtime.protocol.ClientProtocol.PublishResult;
import io.liveroom.realtime.protocol.ClientProtocol.RPCResult;
import io.liveroom.realtime.protocol.ClientProtocol.RefreshResult;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubRefreshResult;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeResult;
import io.liveroom.realtime.protocol.ClientProtocol.UnsubscribeResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one connection and maps every failure to the protocol: an
 * {@link AppException} becomes an error reply with its protocol code; an unreachable dependency
 * ({@link Failures}) becomes {@code service_unavailable} (1009, temporary); anything else becomes
 * {@code internal} (100, temporary) and is logged. Connect failures disconnect instead.
 */
final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
  static final String VERSION = "liveroom";

  private final ClientSession session;
  private final CommandContext node;
  private final SubscribeHandler subscriptions;

  CommandHandler(ClientSession session, CommandContext node) {
    this.session = session;
    this.node = node;
    this.subscriptions = new SubscribeHandler(session, node);
  }

  Future<Void> handle(Command cmd) {
    int id = cmd.getId();
    Future<Reply.Builder> result;
    try {
      result = dispatch(cmd);
    } catch (AppException e) {
      result = Future.failedFuture(e);
    }
    if (result == null) {
      return Future.succeededFuture();
    }
    return result.map(b -> {
      session.reply(b.setId(id).build());
      return (Void) null;
    }).recover(e -> {
      if (!session.closed()) {
        session.reply(error(id, e));
      }
      return Future.succeededFuture();
    });
  }

  /** Returns the reply to send, or null when the command gets no reply (send) or was handled. */
  private Future<Reply.Builder> dispatch(Command cmd) {
    if (cmd.hasConnect()) {
      node.metrics().command("connect");
      return new ConnectHandler(session, node).connect(cmd.getConnect());
    }
    if (cmd.hasSubscribe()) {
      node.metrics().command("subscribe");
      return subscriptions.subscribe(cmd.getSubscribe());
    }
    if (cmd.hasUnsubscribe()) {
      node.metrics().command("unsubscribe");
      Subscription sub = session.subscription(cmd.getUnsubscribe().getChannel());
      if (sub != null) {
        session.unsubscribe(sub);
      }
      return Future.succeededFuture(Reply.newBuilder().setUnsubscribe(UnsubscribeResult.getDefaultInstance()));
    }
    if (cmd.hasPublish()) {
      node.metrics().command("publish");
      return publish(cmd.getPublish().getChannel(), cmd.getPublish().getData());
    }
    if (cmd.hasHistory()) {
      node.metrics().command("history");
      return subscriptions.history(cmd.getHistory());
    }
    if (cmd.hasPresence()) {
      node.metrics().command("presence");
      return subscriptions.presence(cmd.getPresence().getChannel());
    }
    if (cmd.hasPresenceStats()) {
      node.metrics().command("presence_stats");
      return subscriptions.presenceStats(cmd.getPresenceStats().getChannel());
    }
    if (cmd.hasRpc()) {
      node.metrics().command("rpc");
      return rpc(cmd.getRpc().getMethod(), cmd.getRpc().getData());
    }
    if (cmd.hasPing()) {
      node.metrics().command("ping");
      return Future.succeededFuture(Reply.newBuilder().setPing(PingResult.getDefaultInstance()));
    }
    if (cmd.hasRefresh()) {
      node.metrics().command("refresh");
      return new ConnectHandler(session, node).refresh(cmd.getRefresh().getToken());
    }
    if (cmd.hasSend()) {
      // Asynchronous client-to-server messages have no consumer in Liveroom; they are dropped.
      node.metrics().command("send");
      return null;
    }
    if (cmd.hasSubRefresh()) {
      node.metrics().command("sub_refresh");
      return Future.succeededFuture(Reply.newBuilder().setSubRefresh(SubRefreshResult.getDefaultInstance()));
    }
    node.metrics().command("unknown");
    LOG.info("Client {} (user {}) sent an unknown command", session.clientId(), session.userLabel());
    session.disconnect(DisconnectCode.BAD_REQUEST);
    return null;
  }

  private Future<Reply.Builder> publish(String channel, ByteString data) {
    ChannelNamespace ns = node.namespace(channel);
    if (!ns.options().clientPublish()) {
      throw AppException.of(ErrorCode.PERMISSION_DENIED, "Clients cannot publish in this channel.");
    }
    if (ns.options().subscribersPublish() && !session.subscribed(channel)) {
      throw AppException.of(ErrorCode.PERMISSION_DENIED, "Subscribe to this channel before publishing in it.");
    }
    JsonObject json = jsonObject(data);
    Principal p = session.principal();
    return session.onLoop(ns.authorizePublish(p, channel, json))
      .compose(approved -> session.onLoop(node.publish(channel, approved, session.info())))
      .map(r -> Reply.newBuilder().setPublish(PublishResult.getDefaultInstance()));
  }

  private Future<Reply.Builder> rpc(String method, ByteString data) {
    RpcMethod m = node.rpcMethod(method);
    if (m == null) {
      throw AppException.of(ErrorCode.METHOD_NOT_FOUND, "No such RPC method.");
    }
    JsonObject params = data.isEmpty() ? new JsonObject() : jsonObject(data);
    return session.onLoop(m.call(new RpcMethod.RpcContext(session.principal(), session.clientId()), params))
      .map(out -> Reply.newBuilder().setRpc(RPCResult.newBuilder()
        .setData(ByteString.copyFromUtf8((out == null ? new JsonObject() : out).encode()))));
  }

  static JsonObject jsonObject(ByteString data) {
    try {
      return new JsonObject(data.toStringUtf8());
    } catch (RuntimeException e) {
      throw AppException.of(ErrorCode.BAD_REQUEST, "data must be a JSON object.");
    }
  }

  static Reply error(int id, Throwable e) {
    // The same classification as HTTP: an unreachable database is service_unavailable (temporary).
    AppException app = Failures.classify(e);
    ErrorCode code = app.code();
    String message = app.getMessage();
    if (code == ErrorCode.INTERNAL && !(e instanceof AppException)) {
      LOG.warn("Command {} failed unexpectedly: {}", id, e.toString());
      message = "internal server error";
    }
    return Reply.newBuilder().setId(id).setError(Error.newBuilder()
      .setCode(code.protocolCode()).setMessage(message == null ? code.code() : message)
      .setTemporary(code.temporary())).build();
  }

  static SubscribeResult.Builder emptySubscribe() {
    return SubscribeResult.newBuilder();
  }

  static ConnectResult.Builder connectResult(String client) {
    return ConnectResult.newBuilder().setClient(client).setVersion(VERSION);
  }

  static RefreshResult.Builder refreshResult(String client) {
    return RefreshResult.newBuilder().setClient(client).setVersion(VERSION);
  }
}
