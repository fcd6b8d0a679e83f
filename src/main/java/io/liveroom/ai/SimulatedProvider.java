package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code simulated} provider: no model runs. It streams a deterministic reply (the same input
 * gives the same words) at the configured tokens per second, for local runs and load tests. Its
 * only model is {@code simulated}, so every response says what it is.
 *
 * <p>Each stream keeps its own fixed timeline at the configured rate, paced by one {@link TokenClock}
 * per event loop, so the rate is the configured one even when a token is handled a little late.
 * Streams are opened on event loops (HTTP and socket handlers); only public Vert.x API is used.
 *
 * <p>With {@code stampTokens} (a benchmark setting, off by default) every token ends with
 * {@code " t<nanoTime>"}, the {@link System#nanoTime()} at which it was emitted, in the format of
 * the load generator's stamped upstream: a reader on the same machine (Linux's monotonic clock is
 * shared by all processes) gets each token's latency through the node's relay.
 */
public final class SimulatedProvider implements LlmProvider {
  public static final String NAME = "simulated";
  /** Starts the emit time appended to each token when {@code stampTokens} is on. */
  public static final String STAMP_PREFIX = " t";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedProvider.class);
  private static final String[] WORDS = {"the", "stream", "answer", "arrives", "token", "by", "word", "and",
    "nothing", "here", "is", "generated", "by", "a", "model", "this", "text", "only", "tests", "relay", "timing"};

  private final Vertx vertx;
  private final AiConfig.Simulated config;
  /**
   * One clock per event loop, keyed by the loop's thread (an event-loop context always runs on
   * the same one); streams are paced on the loop that opened them.
   */
  private final Map<Thread, TokenClock> clocks = new ConcurrentHashMap<>();

  public SimulatedProvider(Vertx vertx, AiConfig.Simulated config) {
    this.vertx = vertx;
    this.config = config;
    LOG.info("AI provider is 'simulated': replies are generated locally at {} tokens/s, no model runs{}",
      config.tokensPerSecond(), config.stampTokens() ? "; every token carries its emit time (stampTokens, a benchmark setting)" : "");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> models() {
    return List.of(NAME);
  }

  @Override
  public LlmStream open(LlmRequest request) {
    int limit = request.maxTokens() == null ? config.replyTokens() : Math.min(request.maxTokens(), config.replyTokens());
    ReplyTokens tokens = new ReplyTokens(lastUserText(request), limit);
    Context context = vertx.getOrCreateContext();
    SimulatedStream stream = new SimulatedStream(context, tokens, TokenEstimator.estimate(request.messages()),
      config.stampTokens());
    // On the stream's loop: there the current thread names the loop, and the clock is touched only there.
    context.runOnContext(v -> clocks.computeIfAbsent(Thread.currentThread(),
      loop -> new TokenClock(vertx, 1_000_000_000L / config.tokensPerSecond())).add(stream));
    return stream;
  }

  static String lastUserText(LlmRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      if (PromptMessage.USER.equals(request.messages().get(i).role())) {
        return request.messages().get(i).content();
      }
    }
    return "";
  }

  /**
   * The reply for a prompt, one token per list element (a word with its leading space): exactly
   * what a stream for that prompt emits, so tests can compare against it.
   */
  static List<String> reply(String prompt, int count) {
    List<String> out = new ArrayList<>(count);
    ReplyTokens r = new ReplyTokens(prompt, count);
    while (r.hasNext()) {
      out.add(r.next());
    }
    return out;
  }

  /**
   * A reply's tokens, made one at a time as the stream needs them: a stream holds its position,
   * not its whole future answer (900 tokens held by each of 2,000 streams were tens of megabytes
   * the GC kept copying).
   */
  private static final class ReplyTokens {
    private final Random random;
    private final int count;
    private int made;

    ReplyTokens(String prompt, int count) {
      this.random = new Random(prompt.hashCode());
      this.count = count;
    }

    boolean hasNext() {
      return made < count;
    }

    String next() {
      return made++ == 0 ? "[simulated]" : " " + WORDS[random.nextInt(WORDS.length)];
    }

    int count() {
      return count;
    }
  }

  /** Emits one token per step of its timeline; a paused stream lets steps pass until resumed. */
  private static final class SimulatedStream extends BaseLlmStream implements TokenClock.Member {
    private final ReplyTokens tokens;
    private final int promptTokens;
    private final boolean stamp;

    SimulatedStream(Context context, ReplyTokens tokens, int promptTokens, boolean stamp) {
      super(context);
      this.tokens = tokens;
      this.promptTokens = promptTokens;
      this.stamp = stamp;
    }

    @Override
    public boolean step() {
      if (done()) {
        return false;
      }
      if (paused()) {
        return true;
      }
      String token = tokens.next();
      emit(stamp ? token + STAMP_PREFIX + System.nanoTime() : token);
      if (!tokens.hasNext()) {
        finish(new LlmResult("stop", new Usage(promptTokens, tokens.count(), true)));
      }
      return !done();
    }

    @Override
    public Context context() {
      return context;
    }

    @Override
    protected void release(boolean abort) {
      // Nothing to stop: the clock drops a finished stream at its next step.
    }

    @Override
    protected void onPause() {
    }

    @Override
    protected void onResume() {
    }
  }
}
