package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: {@code java -jar liveroom.jar loadtest <scenario> [--key value ...]}. Runs one
 * scenario against a node on loopback (others are refused), prints a progress line per second, and
 * writes a JSON result and a PNG chart under {@code target/loadtest/}. Every run is bounded: its
 * duration plus setup and drain, with a hard stop at {@code duration + 5 min}.
 */
public final class LoadTest {
  static final List<Scenario> SCENARIOS = List.of(new ConnectionsScenario(), new FanoutScenario(false),
    new ChatMixScenario(), new GiftsScenario(), new AiStreamsScenario(), new AiRelayScenario(), new FanoutScenario(true),
    new AiPaintScenario(),
    new GoingLiveScenario(),
    new FeedScenario(),
    new ReconnectStormScenario());

  private LoadTest() {
  }

  public static void main(String[] args) {
    try {
      JsonObject result = run(args, Vertx.vertx());
      System.exit(result.getBoolean("passed", false) ? 0 : 1);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + usage());
      System.exit(2);
    }
  }

  /** Runs a scenario to the end and returns its result (also written to disk). Closes {@code vertx}. */
  public static JsonObject run(String[] args, Vertx vertx) {
    if (args.length == 0) {
      vertx.close();
      throw new IllegalArgumentException("which scenario?");
    }
    Scenario scenario = SCENARIOS.stream().filter(s -> s.name().equals(args[0])).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + args[0] + "'"));
    Options options = Options.parse(args, 1);
    try {
      options.requireKnown(scenario.keys());
      Options.requireLoopback(options.host());
    } catch (IllegalArgumentException e) {
      vertx.close();
      throw e;
    }
    Run run = new Run(vertx, options);
    long started = System.nanoTime();
    JsonObject result = new JsonObject().put("scenario", scenario.name()).put("startedAt", Instant.now().toString())
      .put("options", new JsonObject(new java.util.HashMap<>(options.asMap()))).put("format", run.sockets.protobuf() ? "protobuf" : "json")
      .put("machine", Report.machine());
    boolean quiet = Boolean.parseBoolean(options.string("quiet", "false"));
    long ticker = vertx.setPeriodic(1000, id -> progress(run, quiet));
    Duration hardStop = run.duration.plusMinutes(5);
    try {
      scenario.run(run).toCompletionStage().toCompletableFuture().get(hardStop.toSeconds(), TimeUnit.SECONDS);
      result.put("passed", true);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      result.put("passed", false).put("failure", cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } finally {
      vertx.cancelTimer(ticker);
      progress(run, true);
    }
    result.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0).put("result", run.result)
      .put("latency", run.stats.latencySummary()).put("timeline", run.stats.timelineJson())
      .put("counters", new JsonObject().put("sent", run.stats.sent.sum()).put("received", run.stats.received.sum())
        .put("errors", run.stats.errors.sum()).put("connections", run.stats.connected.sum()));
    if (result.getBoolean("passed") && run.result.getLong("losses", 0L) > 0) {
      result.put("passed", false).put("failure", "lost deliveries: " + run.result.getLong("losses"));
    }
    writeAndClose(run, scenario, result);
    return result;
  }

  private static void progress(Run run, boolean quiet) {
    JsonObject row = run.stats.tick();
    if (!quiet) {
      System.out.printf("t=%3ds sent/s=%-7d recv/s=%-8d conns=%-6d errors=%-5d p50=%.2fms p99=%.2fms max=%.2fms%n",
        row.getLong("t"), row.getLong("sentPerSec"), row.getLong("receivedPerSec"), row.getLong("connections"),
        row.getLong("errors"), row.getDouble("p50Ms"), row.getDouble("p99Ms"), row.getDouble("maxMs"));
    }
  }

  private static void writeAndClose(Run run, Scenario scenario, JsonObject result) {
    Path dir = Path.of(run.options.string("out", "target/loadtest"));
    String name = scenario.name() + "-" + Instant.now().toString().replace(':', '-').replaceAll("\\..*", "");
    try {
      Path json = Report.write(dir, name, result, run.stats.total(), run.stats.timeline());
      result.put("resultFile", json.toString());
      System.out.println(summary(result));
    } catch (Exception e) {
      System.err.println("Could not write the result under " + dir + ": " + e.getMessage());
    }
    run.api.close();
    Future.join(run.sockets.close(), Future.succeededFuture()).eventually(() -> run.vertx.close());
  }

  private static String summary(JsonObject r) {
    return "== " + r.getString("scenario") + (r.getBoolean("passed") ? " passed" : " FAILED: " + r.getString("failure"))
      + "\nresult:  " + r.getJsonObject("result").encode() + "\nlatency: " + r.getJsonObject("latency").encode()
      + "\nfiles:   " + r.getString("resultFile") + " , " + r.getString("chart");
  }

  static String usage() {
    return """
      Usage: java -jar liveroom.jar loadtest <scenario> [--key value ...]   (loopback targets only)
        scenarios: connections, fanout, chat-mix, gifts, ai-streams, ai-relay, two-node, ai-paint,
                   going-live, feed, reconnect-storm
        common:    --host 127.0.0.1 --port 8080 --format json|protobuf --duration 10s --sources 1
                   --users api|minted --config FILE --drain 5s --out target/loadtest --quiet false
        connections: --connections 1000 --rate 500 --channel room|bench --hold 5s --server-pid PID
        fanout:      --viewers 100 --publishers 1 --rate 100 --size 100 --channel room|bench
        two-node:    as fanout, viewers on --port-b
        chat-mix:    --rooms 5 --viewers 100 --chatters 10 --chat-rate 0.3 --like-rate 0.2 --churn 0.02
        ai-streams:  --streams 10 --rounds 1
        ai-relay:    --streams 10 --tokens 60 --tokens-per-second 30 --ramp 0s --upstream-port 18099 --direct false
        gifts:       --senders 20 --hosts 1 --rate 50 --admin-token T --gift-id 1
        going-live:  --host-id ID --followers 100000 --viewers 200 --publishers 2*rate --rate 100 --go-after 3s
                     (the host and its followers seeded first: scripts/bench-going-live.sh)
        feed:        --pg-url postgresql://postgres@127.0.0.1:25432/postgres --readers 200 --follows 1000
                     --authors 10000 --posts 1000000 --limit 20 --pages 3
                     --think 0 (closed loop: capacity) or e.g. 1s (a 50-150% pause between pages)
        reconnect-storm: --connections 10000 --rate 10 --size 100 --kill-after 5s --parallel 0 (0 = all at once)
                     --channel benchlive|room --history 100 (the channel's history size) --server-pid PID
                     (use --users minted --config conf/loadtest.json --sources 4 for thousands)""";
  }
}
