package io.liveroom.fault;

import io.liveroom.support.Await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Redis 7 ({@code redis-server} from the Debian package) as Compose runs it: no persistence, so a
 * restart after SIGKILL comes back empty, which is the fault the Redis scenario is about.
 */
final class RedisServer {
  private final int port;
  private final ManagedProcess process;

  RedisServer(int port, Path workDir, Path logs) {
    this.port = port;
    this.process = new ManagedProcess("redis", List.of("redis-server", "--port", Integer.toString(port),
      "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxclients", "10000",
      "--protected-mode", "no", "--dir", workDir.toString()), Map.of(), workDir, logs);
  }

  int port() {
    return port;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  ManagedProcess process() {
    return process;
  }

  void start() {
    process.start();
    Await.until("Redis listening on " + port, 30, this::listening);
  }

  private boolean listening() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
