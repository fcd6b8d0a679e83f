package io.liveroom.realtime;

import io.liveroom.config.RealtimeConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.HttpRoutes;
import io.liveroom.realtime.protocol.ProtobufCodec;
import io.liveroom.realtime.ws.WsEndpoint;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /connection/websocket}. A valid RFC 6455 upgrade from an allowed Origin (no Origin
 * header = a native app, allowed; the node's own origin when it serves the web app) is taken over on the connection itself by the {@link WsEndpoint}
 * and never reaches the router. What does reach the route is a refusal: a disallowed Origin (403,
 * checked before any upgrade), a plain HTTP request (400), or a handshake we do not speak (400 with
 * the version we do).
 */
public final class RealtimeRoutes implements HttpRoutes {
  public static final String PATH = "/connection/websocket";
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeRoutes.class);
  /** How long a closing socket waits for the peer's close frame before dropping the connection. */
  private static final long CLOSING_TIMEOUT_MILLIS = 5_000;

  private final WsEndpoint endpoint;

  /**
   * @param origins exact browser origins allowed
   * @param ownOrigin also allow pages the node served itself (the web app)
   */
  public RealtimeRoutes(RealtimeServer server, RealtimeConfig config, List<String> origins, boolean ownOrigin) {
    this.endpoint = new WsEndpoint(PATH, Set.copyOf(origins), ownOrigin, config.maxFrameBytes(),
      CLOSING_TIMEOUT_MILLIS, ProtobufCodec.SUBPROTOCOL, server::accept);
  }

  @Override
  public void configure(HttpServerOptions options) {
    // Every write on an HTTP connection happens on its own event loop, so Vert.x can skip its
    // multi-producer outbound queue per connection. It matters here because the HTTP connection
    // object stays behind every upgraded WebSocket for the socket's lifetime.
    options.setStrictThreadMode(true);
    // Compression stays off, and the handshake must say so: with these on, Vert.x's extension
    // handler answers a client's permessage-deflate offer (every browser and Node's ws make one)
    // in our 101, the client then compresses its frames, and our decoder refuses them (3501).
    options.setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
  }

  @Override
  public void connected(HttpConnection connection) {
    endpoint.install(connection);
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::refuse);
  }

  private void refuse(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (!endpoint.allows(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
      LOG.info("WebSocket upgrade refused: origin not allowed");
      ctx.fail(AppException.of(ErrorCode.ORIGIN_NOT_ALLOWED, "This origin may not open a real-time connection."));
      return;
    }
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(AppException.of(ErrorCode.BAD_REQUEST, "This endpoint only accepts WebSocket upgrades."));
      return;
    }
    ctx.response().putHeader("Sec-WebSocket-Version", "13");
    ctx.fail(AppException.of(ErrorCode.BAD_REQUEST,
      "Unsupported WebSocket handshake: this server speaks WebSocket version 13 (RFC 6455) with a Sec-WebSocket-Key."));
  }
}
