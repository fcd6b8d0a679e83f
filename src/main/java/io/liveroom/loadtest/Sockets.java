package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens protocol connections round-robin over several loopback source addresses (127.0.0.1,
 * 127.0.0.2, ...): one source address has about 28k ephemeral ports towards one server port, so
 * {@code --sources 4} allows about 110k connections. Linux routes all of 127/8 to loopback.
 */
public final class Sockets {
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final boolean protobuf;

  public Sockets(Vertx vertx, int sources, boolean protobuf) {
    this.protobuf = protobuf;
    for (int i = 1; i <= Math.max(1, Math.min(sources, 250)); i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress("127.0.0." + i)
        .setMaxConnections(Integer.MAX_VALUE)
        .setConnectTimeout(15_000)
        .setMaxFrameSize(1 << 20)
        .setMaxMessageSize(1 << 22)));
    }
  }

  public Future<RtClient> open(String host, int port) {
    WebSocketClient c = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    return RtClient.open(c, host, port, protobuf);
  }

  public boolean protobuf() {
    return protobuf;
  }

  public Future<Void> close() {
    return Future.all(clients.stream().map(WebSocketClient::close).toList()).mapEmpty();
  }
}
