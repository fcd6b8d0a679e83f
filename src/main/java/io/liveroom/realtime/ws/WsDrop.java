package io.liveroom.realtime.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Drops a WebSocket's TCP connection with no close frame, as a killed process or a lost network
 * does. Used by the load generator's reconnect storm; it lives here because this package is the
 * one place allowed Vert.x's internal API, the only way to skip the close handshake.
 */
public final class WsDrop {
  private WsDrop() {
  }

  public static Future<Void> withoutCloseFrame(WebSocket ws) {
    Promise<Void> closed = Promise.promise();
    ((WebSocketInternal) ws).channelHandlerContext().channel().close().addListener(f -> closed.tryComplete());
    return closed.future();
  }
}
