package io.liveroom;

import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.config.ConfigLoader;
import io.liveroom.infra.EmbeddedInfra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one bootstrap: config, validation, embedded infrastructure if needed, then a {@link Node}.
 * SIGTERM and SIGINT shut down gracefully and exit 0.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private Main() {
  }

  public static void main(String[] args) {
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
    if (cli.command().startsWith("rewards ")) {
      System.exit(runRewards(config, cli.command().substring("rewards ".length())));
    }
    System.exit(run(config));
  }

  private static int runRewards(AppConfig config, String subcommand) {
    try {
      return RewardsCli.run(config, subcommand);
    } catch (Exception e) {
      LOG.error("rewards {} failed: {}", subcommand, rootMessage(e), e);
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
      }
      infra.close();
      stopped.countDown();
    }, "shutdown").start();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** The command line: {@code [serve | rewards <command>] [-c|--config FILE]}. */
  record CommandLine(String command, Path configFile, boolean help) {
    static final String USAGE = """
      Usage: java -jar liveroom.jar [serve | rewards ledger-check | rewards rebuild-leaderboards] [-c|--config FILE]
        serve            run the server (default)
        rewards ledger-check          check the ledger's invariants; exit 0 if they hold, 3 if not
        rewards rebuild-leaderboards  rebuild every leaderboard in Redis from the ledger
        -c, --config F   a JSON config file layered over conf/application.json
      Every config key can also be set by env var: LIVEROOM_ + the key in upper snake case,
      e.g. pg.url -> LIVEROOM_PG_URL. See README.md.""";

    static CommandLine parse(String[] args) {
      String command = "serve";
      Path config = null;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "-c", "--config" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--config needs a file");
            }
            config = Path.of(args[++i]);
          }
          case "-h", "--help" -> help = true;
          case "serve" -> command = "serve";
          case "rewards" -> {
            if (i + 1 >= args.length || !List.of("ledger-check", "rebuild-leaderboards").contains(args[i + 1])) {
              throw new IllegalArgumentException("rewards needs ledger-check or rebuild-leaderboards\n" + USAGE);
            }
            command = "rewards " + args[++i];
          }
          default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'\n" + USAGE);
        }
      }
      return new CommandLine(command, config, help);
    }
  }
}
