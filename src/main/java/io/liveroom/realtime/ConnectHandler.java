package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.protocol.ClientProtocol.ConnectRequest;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code connect} and {@code refresh}: our access JWT, then the {@code SessionGate}.
 * <ul>
 *   <li>expired token: error reply 109 (the SDK fetches a new token and retries);</li>
 *   <li>any other bad token: disconnect 3500 (invalid token, terminal);</li>
 *   <li>session revoked or account refused by the gate: disconnect 4500 / 4501 (terminal);</li>
 *   <li>the gate cannot tell (Redis and PostgreSQL both unusable): error reply 1009, temporary;</li>
 *   <li>too many connections of this user on this node: disconnect 3504.</li>
 * </ul>
 * On success the server subscribes the connection to the user's personal channel.
 */
final class ConnectHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  private final ClientSession session;
  private final CommandContext node;

  ConnectHandler(ClientSession session, CommandContext node) {
    this.session = session;
    this.node = node;
  }

  Future<Reply.Builder> connect(ConnectRequest req) {
    if (session.connected()) {
      session.disconnect(DisconnectCode.BAD_REQUEST);
      return Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "Already connected."));
    }
    String token = req.getToken();
    return authenticate(token).compose(p -> {
      if (!node.connectionAdded(p.userId())) {
        LOG.info("User {} has too many connections on this node; refusing client {}", p.userId(), session.clientId());
        session.disconnect(DisconnectCode.CONNECTION_LIMIT);
        return Future.failedFuture(AppException.of(ErrorCode.LIMIT_EXCEEDED, "Too many connections."));
      }
      session.authenticate(p, expiresAt(token));
      String personal = PersonalNamespace.channel(p.userId());
      Subscription sub = new Subscription(session, personal, node.namespace(personal));
      return session.subscribe(sub).map(v -> {
        sub.goLive(0, "");
        return Reply.newBuilder().setConnect(CommandHandler.connectResult(session.clientId())
          .setExpires(session.expiresAt() != 0).setTtl(ttl())
          .setPing(node.config().pingIntervalSeconds()).setPong(true)
          .setNode(node.nodeId())
          .putSubs(personal, SubscribeResult.getDefaultInstance()));
      });
    });
  }

  Future<Reply.Builder> refresh(String token) {
    return authenticate(token).map(p -> {
      if (p.userId() != session.principal().userId()) {
        session.disconnect(DisconnectCode.INVALID_TOKEN);
        throw AppException.of(ErrorCode.UNAUTHORIZED, "The token belongs to another user.");
      }
      session.reauthenticate(p, expiresAt(token));
      return Reply.newBuilder().setRefresh(CommandHandler.refreshResult(session.clientId())
        .setExpires(session.expiresAt() != 0).setTtl(ttl()));
    });
  }

  /** Verifies the token and the session; turns terminal failures into the matching disconnect. */
  private Future<Principal> authenticate(String token) {
    return session.onLoop(node.verifyToken(token))
      .recover(e -> {
        if (e instanceof AppException app && app.code() == ErrorCode.TOKEN_EXPIRED) {
          return Future.failedFuture(e);
        }
        LOG.info("Client {} presented an invalid token", session.clientId());
        session.disconnect(DisconnectCode.INVALID_TOKEN);
        return Future.failedFuture(e);
      })
      .compose(p -> session.onLoop(node.checkSession(p)).map(p)
        .recover(e -> {
          if (e instanceof AppException app && app.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            // The gate cannot tell right now (fails closed): a temporary error reply, so the SDK
            // retries, rather than a terminal disconnect that would end the app's session for good.
            return Future.failedFuture(e);
          }
          boolean disabled = e instanceof AppException app && app.code() == ErrorCode.FORBIDDEN;
          LOG.info("User {} refused by the session gate ({}); closing client {}", p.userId(),
            disabled ? "account disabled" : "session revoked", session.clientId());
          session.disconnect(disabled ? DisconnectCode.ACCOUNT_DISABLED : DisconnectCode.SESSION_REVOKED);
          return Future.failedFuture(e);
        }));
  }

  private int ttl() {
    long expiresAt = session.expiresAt();
    return expiresAt == 0 ? 0 : (int) Math.max(1, (expiresAt - System.currentTimeMillis()) / 1000);
  }

  /** The token's {@code exp} in epoch millis (its signature was verified just before), or 0. */
  static long expiresAt(String token) {
    try {
      String payload = token.split("\\.")[1];
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
      Long exp = claims.getLong("exp");
      return exp == null ? 0 : exp * 1000;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
