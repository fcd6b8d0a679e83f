package io.liveroom;

import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.config.ConfigLoader;
import io.liveroom.infra.EmbeddedInfra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Path;
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
    if (cli.command().equals("token")) {
      System.exit(printTokens(config, cli.count()));
    }
    System.exit(run(config));
  }

  /**
   * {@code token --count N}: prints N access tokens (users 1..N) for the fan-out benchmark. Only
   * with {@code realtime.benchmarkNamespace} on, so a production config cannot mint tokens here.
   */
  private static int printTokens(AppConfig config, int count) {
    if (!config.realtime().benchmarkNamespace()) {
      System.err.println("The token command needs realtime.benchmarkNamespace=true (benchmarks only).");
      return 2;
    }
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.liveroom.config.AuthConfig auth = io.liveroom.account.JwtSecrets.resolve(vertx, config.auth(), config.dataDir())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      io.liveroom.account.AccessTokens tokens = new io.liveroom.account.AccessTokens(vertx, auth);
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= count; i++) {
        out.append(tokens.issue(i, io.liveroom.account.Role.USER, "bench-" + i, 86_400)).append('\n');
      }
      System.out.print(out);
      return 0;
    } catch (Exception e) {
      System.err.println("Could not mint tokens: " + rootMessage(e));
      return 1;
    } finally {
      vertx.close();
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

  /** The command line: {@code [serve] [-c|--config FILE]}. */
  record CommandLine(String command, Path configFile, boolean help, int count) {
    static final String USAGE = """
      Usage: java -jar liveroom.jar [serve|token --count N] [-c|--config FILE]
             java -jar liveroom.jar loadtest <scenario> [--key value ...]   (see docs/PERFORMANCE.md)
        serve            run the server (default)
        token --count N  print N access tokens (benchmarks only: needs realtime.benchmarkNamespace)
        -c, --config F   a JSON config file layered over conf/application.json
      Every config key can also be set by env var: LIVEROOM_ + the key in upper snake case,
      e.g. pg.url -> LIVEROOM_PG_URL. See README.md.""";

    static CommandLine parse(String[] args) {
      String command = "serve";
      Path config = null;
      boolean help = false;
      int count = 1;
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
          case "token" -> command = "token";
          case "--count" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--count needs a number");
            }
            count = Integer.parseInt(args[++i]);
          }
          default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'\n" + USAGE);
        }
      }
      return new CommandLine(command, config, help, count);
    }
  }
}
