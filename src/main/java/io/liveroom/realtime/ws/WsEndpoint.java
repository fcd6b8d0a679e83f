package io.liveroom.realtime.ws;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.Set;

/**
 * The WebSocket endpoint of the HTTP listener: which requests it takes over and with which limits.
 * {@link #install} puts a {@link WsUpgrade} in front of every new HTTP/1.x connection; valid
 * upgrade requests for {@code path} from an allowed origin never reach Vert.x's request handling,
 * and everything else (other paths, refused origins, malformed handshakes) goes on to the router,
 * which answers with a problem document.
 */
public final class WsEndpoint {
  /** Vert.x names the consumer of its HTTP/1.x codec "handler"; we sit in front of it. */
  static final String VERTX_HANDLER = "handler";

  /** Receives every accepted socket, on its event loop and inside its Vert.x context. */
  public interface Acceptor {
    void accept(WsSocket socket, String subprotocol);
  }

  final String path;
  final Set<String> origins;
  final boolean ownOrigin;
  final int maxMessageBytes;
  final long closingTimeoutMillis;
  final String subprotocols;
  final WebSocketDecoderConfig decoderConfig;
  final Acceptor acceptor;

  /**
   * @param origins exact Origin values allowed; a request without Origin (a native app) is allowed
   * @param ownOrigin also allow the node's own origin: an Origin whose host and port are the
   *   request's Host, as a page the node served itself sends
   * @param subprotocols comma-separated subprotocols the server speaks besides the default
   */
  public WsEndpoint(String path, Set<String> origins, boolean ownOrigin, int maxMessageBytes,
                    long closingTimeoutMillis, String subprotocols, Acceptor acceptor) {
    this.path = path;
    this.origins = Set.copyOf(origins);
    this.ownOrigin = ownOrigin;
    this.maxMessageBytes = maxMessageBytes;
    this.closingTimeoutMillis = closingTimeoutMillis;
    this.subprotocols = subprotocols;
    this.acceptor = acceptor;
    // No extensions (compression stays off), client frames must be masked, and violations are
    // reported to us instead of closed by Netty, so the close code is the protocol's own.
    this.decoderConfig = WebSocketDecoderConfig.newBuilder()
      .maxFramePayloadLength(maxMessageBytes)
      .allowExtensions(false)
      .expectMaskedFrames(true)
      .allowMaskMismatch(false)
      .closeOnProtocolViolation(false)
      .build();
  }

  /**
   * Whether a browser page from {@code origin} may open a socket on a request for {@code host}. The
   * scheme is not compared: behind a TLS-terminating balancer the page is https and the request
   * reaches us as plain HTTP, with the same Host. A page of another site sends its own host in
   * Origin, which differs from ours, so only pages this address served pass.
   */
  public boolean allows(String origin, String host) {
    if (origin == null || origins.contains(origin)) {
      return true;
    }
    if (!ownOrigin || host == null || host.isEmpty()) {
      return false;
    }
    String hostPart = origin.startsWith("https://") ? origin.substring(8)
      : origin.startsWith("http://") ? origin.substring(7) : null;
    return hostPart != null && hostPart.equalsIgnoreCase(host);
  }

  /** Call from the HTTP server's connection handler (on the connection's event loop). */
  public void install(HttpConnection connection) {
    // ConnectionBase is Vert.x's implementation class: there is no public way to reach the
    // channel of a server connection. HTTP/2 connections have no "handler" and keep the router.
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
      if (pipeline.get(VERTX_HANDLER) != null) {
        pipeline.addBefore(VERTX_HANDLER, WsUpgrade.NAME, new WsUpgrade(this, base.context().unwrap()));
      }
    }
  }
}
