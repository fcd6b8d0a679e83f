package io.liveroom.fault;

import io.liveroom.support.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 15 from the Debian package ({@code /usr/lib/postgresql/15/bin}) on a throwaway data
 * directory under {@code target/}, listening on 127.0.0.1 only, on a free port (never the
 * packaged cluster's 5432). PostgreSQL refuses to run as root, so as root every binary runs as the
 * {@code postgres} user through {@code setpriv}, which execs: the managed process is the
 * postmaster itself.
 */
final class PgServer {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final String DB_USER = "postgres";

  private final Path dataDir;
  private final Path logDir;
  private final int port;
  private final ManagedProcess postmaster;

  private PgServer(Path dataDir, Path logDir, int port) {
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.port = port;
    // fsync off: a process crash keeps what the OS already has; synchronous_commit stays on, so an
    // immediate stop loses no committed transaction (what the money scenarios rely on).
    this.postmaster = new ManagedProcess("postgres", asDbUser(List.of(BIN.resolve("postgres").toString(),
      "-D", dataDir.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "full_page_writes=off",
      "-c", "max_connections=200", "-c", "log_min_messages=warning")), Map.of("LC_ALL", "C"),
      dataDir.getParent(), logDir);
  }

  /** Creates the cluster (initdb) in {@code dataDir}; does not start it. */
  static PgServer create(Path dataDir, Path logDir, int port) {
    try {
      Files.createDirectories(dataDir);
      if (isRoot()) {
        UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dataDir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(DB_USER));
        GroupPrincipal group = users.lookupPrincipalByGroupName(DB_USER);
        view.setGroup(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + dataDir, e);
    }
    run(logDir.resolve("initdb.log"), asDbUser(List.of(BIN.resolve("initdb").toString(), "-D", dataDir.toString(),
      "-U", DB_USER, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")), 120);
    return new PgServer(dataDir, logDir, port);
  }

  int port() {
    return port;
  }

  String url() {
    return "postgresql://" + DB_USER + "@127.0.0.1:" + port + "/postgres";
  }

  ManagedProcess process() {
    return postmaster;
  }

  boolean running() {
    return postmaster.alive();
  }

  /** Starts the postmaster and waits until it accepts connections. */
  void start() {
    postmaster.start();
    Await.until("PostgreSQL accepting connections on " + port, 60, this::accepts);
  }

  /** {@code pg_ctl stop -m immediate}: every backend is killed at once, recovery runs on the next start. */
  void stopImmediate() {
    run(logDir.resolve("pg_ctl.log"), asDbUser(List.of(BIN.resolve("pg_ctl").toString(), "stop", "-m", "immediate",
      "-D", dataDir.toString())), 60);
    if (!postmaster.awaitExit(30)) {
      throw new IllegalStateException("postgres did not exit after an immediate stop");
    }
  }

  /** A fast, clean stop for teardown (SIGINT = PostgreSQL's fast shutdown). */
  void stop() {
    if (postmaster.alive()) {
      ManagedProcess.signal(postmaster.pid(), "INT");
      if (!postmaster.awaitExit(30)) {
        postmaster.kill();
      }
    }
  }

  Connection jdbc() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", DB_USER, null);
  }

  private boolean accepts() {
    try (Connection c = jdbc()) {
      return c.isValid(2);
    } catch (SQLException notYet) {
      return false;
    }
  }

  private static List<String> asDbUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + DB_USER, "--regid=" + DB_USER, "--init-groups", "--"));
    out.addAll(command);
    return out;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(Path log, List<String> command, int seconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command + " (see " + log + ")");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("failed (" + p.exitValue() + "): " + command + " (see " + log + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
