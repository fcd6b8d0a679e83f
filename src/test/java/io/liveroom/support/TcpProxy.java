package io.liveroom.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.pgclient.PgConnectOptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a server, for outage tests: point a node at {@link #port()} and
 * {@link #cut()} it to make the server vanish as PostgreSQL's immediate stop does (open connections
 * dropped, new ones refused), then {@link #restore()} it on the same port. The shared test
 * PostgreSQL itself keeps running, so other tests are unaffected.
 */
public final class TcpProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile NetServer server;
  private volatile int port;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** A running proxy to {@code host:port} on a free local port. */
  public static TcpProxy start(String host, int port) {
    TcpProxy proxy = new TcpProxy(host, port);
    proxy.listen(0);
    return proxy;
  }

  /** A running proxy to the shared test PostgreSQL. */
  public static TcpProxy toTestPostgres() {
    PgConnectOptions pg = PgConnectOptions.fromUri(TestInfra.get().pgUrl());
    return start(pg.getHost(), pg.getPort());
  }

  public int port() {
    return port;
  }

  /** The shared test PostgreSQL's url, through this proxy. */
  public String pgUrl() {
    PgConnectOptions pg = PgConnectOptions.fromUri(TestInfra.get().pgUrl());
    String credentials = pg.getPassword() == null || pg.getPassword().isEmpty() ? pg.getUser()
      : pg.getUser() + ":" + pg.getPassword();
    return "postgresql://" + credentials + "@127.0.0.1:" + port + "/" + pg.getDatabase();
  }

  /** The server goes away: the listener closes (connections refused) and open connections drop. */
  public void cut() {
    NetServer s = server;
    server = null;
    if (s != null) {
      await(s.close());
    }
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }

  /** The server is back, on the same port. */
  public void restore() {
    if (server == null) {
      listen(port);
    }
  }

  public boolean isCut() {
    return server == null;
  }

  @Override
  public void close() {
    cut();
    await(vertx.close());
  }

  private void listen(int wanted) {
    NetServer s = vertx.createNetServer().connectHandler(this::relay);
    await(s.listen(wanted, "127.0.0.1"));
    port = s.actualPort();
    server = s;
  }

  private void relay(NetSocket downstream) {
    downstream.pause();
    sockets.add(downstream);
    AtomicReference<NetSocket> upstream = new AtomicReference<>();
    downstream.closeHandler(v -> {
      sockets.remove(downstream);
      NetSocket up = upstream.get();
      if (up != null) {
        up.close();
      }
    });
    client.connect(targetPort, targetHost).onComplete(done -> {
      if (done.failed()) {
        downstream.close();
        return;
      }
      NetSocket up = done.result();
      upstream.set(up);
      if (!sockets.contains(downstream)) {
        // Cut (or closed by the client) while connecting.
        up.close();
        return;
      }
      sockets.add(up);
      up.closeHandler(v -> {
        sockets.remove(up);
        downstream.close();
      });
      downstream.pipeTo(up);
      up.pipeTo(downstream);
    });
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Proxy operation failed", e);
    }
  }
}
