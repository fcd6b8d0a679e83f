package io.liveroom.fault;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The deployment of the README's docker-compose.yml, from real processes on this machine:
 * PostgreSQL 15 and Redis 7 (Debian packages), two Liveroom nodes with two event loops each
 * ({@code java -jar target/liveroom.jar}), and nginx balancing HTTP and WebSocket across them
 * with a config modelled on conf/nginx.conf. Every port is a free one. Files live in
 * {@code target/fault-run}, logs in {@code target/fault-logs}. One topology serves every scenario
 * of a run ({@link FaultSuite}); {@link #heal} brings back whatever a scenario left down.
 */
final class Topology implements ExtensionContext.Store.CloseableResource {
  static final String ADMIN_PHONE = "+8613900000001";
  private static final String JWT_SECRET = "fault-suite-secret-fault-suite-secret-0123456789";

  final PgServer pg;
  final RedisServer redis;
  final List<NodeProcess> nodes;
  final NginxServer nginx;
  private final Path logs;

  private Topology(PgServer pg, RedisServer redis, List<NodeProcess> nodes, NginxServer nginx, Path logs) {
    this.pg = pg;
    this.redis = redis;
    this.nodes = nodes;
    this.nginx = nginx;
    this.logs = logs;
  }

  static Topology start() {
    Path target = Path.of("target").toAbsolutePath();
    Path run = target.resolve("fault-run");
    Path logs = target.resolve("fault-logs");
    deleteTree(run);
    deleteTree(logs);
    mkdirs(run);
    mkdirs(logs);
    PgServer pg = PgServer.create(run.resolve("pg"), logs, freePort());
    pg.start();
    RedisServer redis = new RedisServer(freePort(), run, logs);
    redis.start();
    Map<String, String> env = sharedNodeEnv(pg.url(), redis.url());
    List<NodeProcess> nodes = new ArrayList<>();
    for (String name : List.of("node1", "node2")) {
      nodes.add(node(name, env, run, logs));
    }
    Topology t = new Topology(pg, redis, nodes, NginxServer.create(run.resolve("nginx"), logs, freePort(),
      nodes.stream().map(NodeProcess::port).toList()), logs);
    try {
      // The first node runs the migrations alone; the second then starts on a migrated schema.
      nodes.get(0).process().start();
      nodes.get(0).awaitReady(180);
      nodes.get(1).process().start();
      nodes.get(1).awaitReady(180);
      t.nginx.start();
    } catch (RuntimeException | Error e) {
      t.close();
      throw e;
    }
    return t;
  }

  NodeProcess node(int index) {
    return nodes.get(index);
  }

  int lbPort() {
    return nginx.port();
  }

  Path logs() {
    return logs;
  }

  /** Restarts whatever is down or frozen and waits until both nodes are ready again. */
  void heal() {
    if (!pg.running()) {
      pg.start();
    }
    if (!redis.process().alive()) {
      redis.start();
    }
    for (NodeProcess n : nodes) {
      if (n.process().alive()) {
        n.process().thaw();
      } else {
        n.process().start();
      }
    }
    for (NodeProcess n : nodes) {
      n.awaitReady(180);
    }
    if (!nginx.process().alive()) {
      nginx.start();
    }
  }

  @Override
  public void close() {
    nginx.process().stop(10);
    for (NodeProcess n : nodes) {
      n.process().stop(15);
    }
    redis.process().kill();
    pg.stop();
  }

  private static NodeProcess node(String name, Map<String, String> shared, Path run, Path logs) {
    int port = freePort();
    Path dir = run.resolve(name);
    mkdirs(dir);
    Map<String, String> env = new HashMap<>(shared);
    env.put("LIVEROOM_NODE_ID", name);
    env.put("LIVEROOM_HTTP_PORT", Integer.toString(port));
    env.put("LIVEROOM_DATA_DIR", dir.resolve("data").toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of(System.getProperty("liveroom.jar", "target/liveroom.jar")).toAbsolutePath().toString();
    return new NodeProcess(new ManagedProcess(name, List.of(java, "-Xmx512m", "-XX:+UseG1GC", "-jar", jar), env,
      dir, logs), port);
  }

  /** What both nodes share, as the Compose file's node environment plus test-only limits. */
  private static Map<String, String> sharedNodeEnv(String pgUrl, String redisUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("LIVEROOM_PG_URL", pgUrl);
    env.put("LIVEROOM_PG_POOL_SIZE", "8");
    env.put("LIVEROOM_REDIS_URL", redisUrl);
    env.put("LIVEROOM_REDIS_POOL_SIZE", "8");
    env.put("LIVEROOM_HTTP_INSTANCES", "2");
    env.put("LIVEROOM_HTTP_TRUSTED_PROXIES", "127.0.0.1");
    env.put("LIVEROOM_AUTH_JWT_SECRET", JWT_SECRET);
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_KEYS", "k1:" + randomKey());
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_ACTIVE_KEY_ID", "k1");
    env.put("LIVEROOM_ACCOUNTS_CRYPTO_INDEX_KEY", randomKey());
    env.put("LIVEROOM_ACCOUNTS_ADMIN_PHONES", ADMIN_PHONE);
    env.put("LIVEROOM_SHUTDOWN_TIMEOUT_SECONDS", "5");
    env.put("LIVEROOM_ACCESS_LOG_LEVEL", "WARN");
    // Every client of the suite is 127.0.0.1 and registers many numbers: lift the per-IP caps.
    env.put("LIVEROOM_ACCOUNTS_SMS_PER_IP_PER_HOUR", "1000000");
    env.put("LIVEROOM_ACCOUNTS_SMS_PER_PREFIX_PER_HOUR", "1000000");
    env.put("LIVEROOM_ACCOUNTS_SMS_RESEND_SECONDS", "0");
    env.put("LIVEROOM_ACCOUNTS_LOGIN_MAX_FAILURES_PER_IP", "1000000");
    // Traffic shapes of the scenarios: a few users drive many connections and fast chat.
    env.put("LIVEROOM_REALTIME_MAX_CONNECTIONS_PER_USER", "10000");
    env.put("LIVEROOM_REALTIME_COMMANDS_PER_SECOND", "10000");
    env.put("LIVEROOM_REALTIME_COMMAND_BURST", "10000");
    env.put("LIVEROOM_REALTIME_MAX_QUEUE_BYTES", "65536");
    env.put("LIVEROOM_ROOMS_PUBLISH_BUDGET_PER_SECOND", "5000");
    // Viewers are counted as distinct users, and the storm's 5,000 connections belong to 10 users:
    // join/leave pushes would stay on and every join would be pushed to every subscriber.
    env.put("LIVEROOM_ROOMS_CHANNEL_JOIN_LEAVE_MAX_VIEWERS", "0");
    env.put("LIVEROOM_ROOMS_CHAT_MAX_LENGTH", "2000");
    env.put("LIVEROOM_ROOMS_CHAT_RATE_LIMIT_MESSAGES", "1000");
    env.put("LIVEROOM_ROOMS_CHAT_RATE_LIMIT_WINDOW_SECONDS", "1");
    env.put("LIVEROOM_ROOMS_CHAT_ARCHIVE_MAX_RETRY_DELAY_SECONDS", "2");
    return env;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clear " + dir + " (a server of a previous run still running?)", e);
    }
  }
}
