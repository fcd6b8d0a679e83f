package io.liveroom.realtime.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Vert.x's HTTP handling on one connection and takes over a valid WebSocket
 * upgrade for the endpoint: Netty's RFC 6455 handshaker answers 101 and swaps the HTTP codec for
 * the frame codec, this handler is replaced by a {@link WsSocket}, and the HTTP idle timeout is
 * removed (the protocol's ping/pong watches the connection instead). Any other request passes
 * through untouched.
 */
final class WsUpgrade extends ChannelInboundHandlerAdapter {
  static final String NAME = "liveroom-ws-upgrade";
  private static final Logger LOG = LoggerFactory.getLogger(WsUpgrade.class);

  private final WsEndpoint endpoint;
  private final ContextInternal context;

  WsUpgrade(WsEndpoint endpoint, ContextInternal context) {
    this.endpoint = endpoint;
    this.context = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || !takes(request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    FullHttpRequest handshake = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
      request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
    ReferenceCountUtil.release(msg);
    ChannelPipeline pipeline = ctx.pipeline();
    WsSocket socket = new WsSocket(context, endpoint.maxMessageBytes, endpoint.closingTimeoutMillis);
    pipeline.replace(this, WsSocket.NAME, socket);
    IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
    if (idle != null) {
      pipeline.remove(idle);
    }
    WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(handshake.uri(), endpoint.subprotocols,
      endpoint.decoderConfig);
    try {
      handshaker.handshake(ctx.channel(), handshake).addListener(done -> {
        if (!done.isSuccess()) {
          LOG.debug("WebSocket handshake failed: {}", done.cause().getMessage());
          ctx.channel().close();
          return;
        }
        // Only now: until the 101 is written, the HTTP encoder is still in the pipeline.
        ContextInternal prev = context.beginDispatch();
        try {
          endpoint.acceptor.accept(socket, handshaker.selectedSubprotocol());
        } catch (RuntimeException e) {
          context.reportException(e);
          ctx.channel().close();
        } finally {
          context.endDispatch(prev);
        }
      });
    } catch (WebSocketHandshakeException e) {
      LOG.debug("WebSocket handshake refused: {}", e.getMessage());
      ctx.channel().close();
    }
  }

  /** A well-formed RFC 6455 upgrade for the endpoint from an allowed origin. */
  private boolean takes(HttpRequest request) {
    if (!request.decoderResult().isSuccess() || !HttpMethod.GET.equals(request.method())) {
      return false;
    }
    String uri = request.uri();
    int query = uri.indexOf('?');
    if (!endpoint.path.equals(query < 0 ? uri : uri.substring(0, query))) {
      return false;
    }
    HttpHeaders headers = request.headers();
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    return upgrade != null && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(upgrade)
      && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
      && "13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))
      && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)
      && endpoint.allows(origin, headers.get(HttpHeaderNames.HOST));
  }
}
