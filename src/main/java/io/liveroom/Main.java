package io.liveroom;

import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.config.ConfigLoader;
import io.liveroom.infra.EmbeddedInfra;
import io.liveroom.realtime.BenchTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one bootstrap: config, validation, embedded infrastructure if needed, then a {@link Node}.
 * SIGTERM and SIGINT shut down gracefully and exit 0. Other subcommands (rewards maintenance,
 * benchmark tokens) reuse the same config loading.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("loadtest")) {
      // The load generator ships in the same jar but is its own program (a client, not a node).
      io.liveroom.loadtest.LoadTest.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    CommandLine cli;
    AppConfig config;
    try {
      cli = CommandLine.parse(args);
      if (cli.help()) {
        System.out.println(CommandLine.USAGE);
        return;
      }
      config = AppConfig.from(ConfigLoader.load(cli.configFile(), System.getenv()));
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(dispatch(cli, config));
  }

  private static int dispatch(CommandLine cli, AppConfig config) {
    try {
      return switch (cli.command().get(0)) {
        case "token" -> BenchTokens.print(config, cli.count());
        case "rewards" -> RewardsCli.run(config, cli.command().get(1));
        default -> run(config);
      };
    } catch (Exception e) {
      LOG.error("{} failed: {}", String.join(" ", cli.command()), rootMessage(e), e);
      return 1;
    }
  }

  private static int run(AppConfig config) {
    EmbeddedInfra infra;
    try {
      infra = EmbeddedInfra.startIfNeeded(config);
    } catch (Exception e) {
      LOG.error("Could not start the embedded infrastructure: {}", e.getMessage(), e);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "embedded-infra-stop"));
    Node node;
    try {
      node = Node.start(infra.resolve()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.error("Node failed to start: {}", rootMessage(e), e);
      infra.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), sig -> shutdown(node, infra, stopped));
    Signal.handle(new Signal("INT"), sig -> shutdown(node, infra, stopped));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Runs once, on its own thread: signal handlers must return quickly. */
  private static void shutdown(Node node, EmbeddedInfra infra, CountDownLatch stopped) {
    if (!STOPPING.compareAndSet(false, true)) {
      return;
    }
    new Thread(() -> {
      try {
        node.stop().toCompletionStage().toCompletableFuture()
          .get(node.config().shutdownTimeoutSeconds() + 5L, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Node did not stop within its timeout: {}", rootMessage(e));
      } catch (Throwable e) {
        // Still exit: a process that ignores SIGTERM is worse than an unclean stop.
        LOG.error("Node stop failed: {}", rootMessage(e), e);
      } finally {
        try {
          infra.close();
        } finally {
          stopped.countDown();
        }
      }
    }, "shutdown").start();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** The command line: a subcommand (default {@code serve}) and {@code -c/--config FILE}. */
  record CommandLine(List<String> command, Path configFile, boolean help, int count) {
    static final String USAGE = """
      Usage: java -jar liveroom.jar [command] [-c|--config FILE]
        serve                         run the server (default)
        rewards ledger-check          check the ledger's invariants; exit 0 if they hold, 3 if not
        rewards rebuild-leaderboards  rebuild every leaderboard in Redis from the ledger
        token --count N               print N access tokens (benchmarks only: needs realtime.benchmarkNamespace)
        loadtest <scenario> [--key v]  run a load test against a running server (docs/PERFORMANCE.md)
        -c, --config F                a JSON config file layered over conf/application.json
      Every config key can also be set by env var: LIVEROOM_ + the key in upper snake case,
      e.g. pg.url -> LIVEROOM_PG_URL. See README.md.""";

    static CommandLine parse(String[] args) {
      List<String> command = new ArrayList<>(List.of("serve"));
      Path config = null;
      boolean help = false;
      int count = 1;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "-c", "--config" -> config = Path.of(value(args, ++i, "--config needs a file"));
          case "-h", "--help" -> help = true;
          case "serve" -> command = List.of("serve");
          case "token" -> command = List.of("token");
          case "--count" -> count = Integer.parseInt(value(args, ++i, "--count needs a number"));
          case "rewards" -> {
            String sub = value(args, ++i, "rewards needs ledger-check or rebuild-leaderboards");
            if (!List.of("ledger-check", "rebuild-leaderboards").contains(sub)) {
              throw new IllegalArgumentException("Unknown rewards command '" + sub + "'\n" + USAGE);
            }
            command = List.of("rewards", sub);
          }
          default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'\n" + USAGE);
        }
      }
      return new CommandLine(command, config, help, count);
    }

    private static String value(String[] args, int i, String missing) {
      if (i >= args.length) {
        throw new IllegalArgumentException(missing);
      }
      return args[i];
    }
  }
}
