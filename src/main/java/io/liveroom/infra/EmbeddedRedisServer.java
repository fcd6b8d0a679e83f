package io.liveroom.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The embedded Redis (6.2) of the local default and the tests. It keeps nothing on disk: Redis
 * holds only derived or short-lived state (fan-out, history, presence, counters), so losing it is
 * survivable by design. Start and stop block; call them off the event loops.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);

  private final int port;
  private RedisServer server;

  private EmbeddedRedisServer(int port) {
    this.port = port;
  }

  public static EmbeddedRedisServer start(int port) throws IOException {
    EmbeddedRedisServer s = new EmbeddedRedisServer(port > 0 ? port : freePort());
    s.start();
    return s;
  }

  /** Starts (again) on the same port; the tests use this to simulate an outage and a return. */
  public synchronized void start() throws IOException {
    if (server != null && server.isActive()) {
      return;
    }
    server = RedisServer.newRedisServer()
      .port(port)
      .bind("127.0.0.1")
      .setting("save \"\"")
      .setting("appendonly no")
      .setting("maxclients 10000")
      .onShutdownForceStop(true)
      .build();
    server.start();
    LOG.info("Embedded Redis started on 127.0.0.1:{} (in memory, no persistence)", port);
  }

  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
      LOG.info("Embedded Redis on port {} stopped", port);
    } catch (IOException e) {
      LOG.warn("Embedded Redis on port {} did not stop cleanly: {}", port, e.getMessage());
    }
    server = null;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
