package io.liveroom.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server of the fault topology as an operating-system process: started from a fixed command
 * line and environment, its output appended to {@code target/fault-logs/<name>.log}, and faulted
 * with real signals (SIGKILL, SIGTERM, SIGSTOP, SIGCONT). Start it again after a kill with
 * {@link #start}. Every live process is also killed by a JVM shutdown hook, so an aborted run
 * leaves nothing behind.
 */
final class ManagedProcess {
  private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ManagedProcess::killQuietly), "fault-teardown"));
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path workDir;
  private final Path log;
  private volatile Process process;

  ManagedProcess(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir) {
    this.name = name;
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.workDir = workDir;
    this.log = logDir.resolve(name + ".log");
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized void start() {
    if (alive()) {
      throw new IllegalStateException(name + " is already running");
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
    LIVE.add(this);
  }

  boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  long pid() {
    Process p = process;
    if (p == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return p.pid();
  }

  /** SIGKILL: the process dies at once, without closing anything. */
  void kill() {
    Process p = process;
    if (p != null) {
      resumeQuietly(p);
      p.destroyForcibly();
      awaitExit(p, 30);
    }
    LIVE.remove(this);
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code seconds}. */
  void stop(int seconds) {
    Process p = process;
    if (p != null && p.isAlive()) {
      resumeQuietly(p);
      p.destroy();
      if (!awaitExit(p, seconds)) {
        p.destroyForcibly();
        awaitExit(p, 30);
      }
    }
    LIVE.remove(this);
  }

  /** Waits for the process to exit by itself (after a stop asked for by other means). */
  boolean awaitExit(int seconds) {
    Process p = process;
    boolean exited = p == null || awaitExit(p, seconds);
    if (exited) {
      LIVE.remove(this);
    }
    return exited;
  }

  /** SIGSTOP: the process freezes with every socket open, as a stalled VM or a long GC pause. */
  void freeze() {
    signal(pid(), "STOP");
  }

  /** SIGCONT after {@link #freeze}. */
  void thaw() {
    signal(pid(), "CONT");
  }

  static void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean awaitExit(Process p, int seconds) {
    try {
      return p.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void resumeQuietly(Process p) {
    if (p.isAlive()) {
      // A frozen process does not act on SIGTERM until it runs again.
      p.toHandle().descendants().forEach(d -> signalQuietly(d.pid()));
      signalQuietly(p.pid());
    }
  }

  private static void signalQuietly(long pid) {
    try {
      new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException ignored) {
      // best effort during teardown; the kill that follows does not depend on it
    }
  }

  private void killQuietly() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
