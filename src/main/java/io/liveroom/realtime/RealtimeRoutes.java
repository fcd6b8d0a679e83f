package io.liveroom.realtime;

import io.liveroom.config.RealtimeConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.protocol.ProtobufCodec;
import io.liveroom.http.HttpModule;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /connection/websocket}: checks the Origin against the exact allow-list BEFORE the
 * upgrade (no Origin header = a native app, allowed), then hands the socket to the
 * {@link RealtimeServer}. Also sets the listener's WebSocket options: frame size limit,
 * the {@code centrifuge-protobuf} subprotocol, no compression.
 */
public final class RealtimeRoutes implements HttpModule {
  public static final String PATH = "/connection/websocket";
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeRoutes.class);

  private final RealtimeServer server;
  private final RealtimeConfig config;
  private final Set<String> origins;

  public RealtimeRoutes(RealtimeServer server, RealtimeConfig config, List<String> origins) {
    this.server = server;
    this.config = config;
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void configure(HttpServerOptions options) {
    options.setMaxWebSocketFrameSize(config.maxFrameBytes())
      .setMaxWebSocketMessageSize(config.maxFrameBytes())
      .addWebSocketSubProtocol(ProtobufCodec.SUBPROTOCOL)
      .setPerFrameWebSocketCompressionSupported(false)
      .setPerMessageWebSocketCompressionSupported(false)
      .setRegisterWebSocketWriteHandlers(false)
      .setWebSocketClosingTimeout(5)
      // Every write to a connection happens on its own event loop (the hubs guarantee it for
      // sockets; handlers reply from their context), so Vert.x can skip its per-connection
      // multi-producer outbound queue: about 8 KB less heap per idle WebSocket.
      .setStrictThreadMode(true);
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !origins.contains(origin)) {
      LOG.info("WebSocket upgrade refused: origin not allowed");
      ctx.fail(AppException.of(ErrorCode.ORIGIN_NOT_ALLOWED, "This origin may not open a real-time connection."));
      return;
    }
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(AppException.of(ErrorCode.BAD_REQUEST, "This endpoint only accepts WebSocket upgrades."));
      return;
    }
    ctx.request().toWebSocket()
      .onSuccess(server::accept)
      .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.getMessage()));
  }
}
