package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The {@code simulated} provider: no model runs. It streams a deterministic reply (the same input
 * gives the same words) at the configured tokens per second, for local runs and load tests. Its
 * only model is {@code simulated}, so every response says what it is.
 */
public final class SimulatedProvider implements LlmProvider {
  public static final String NAME = "simulated";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedProvider.class);
  private static final String[] WORDS = {"the", "stream", "answer", "arrives", "token", "by", "word", "and",
    "nothing", "here", "is", "generated", "by", "a", "model", "this", "text", "only", "tests", "relay", "timing"};

  private final Vertx vertx;
  private final AiConfig.Simulated config;

  public SimulatedProvider(Vertx vertx, AiConfig.Simulated config) {
    this.vertx = vertx;
    this.config = config;
    LOG.info("AI provider is 'simulated': replies are generated locally at {} tokens/s, no model runs",
      config.tokensPerSecond());
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
    List<String> tokens = reply(lastUserText(request), limit);
    long interval = Math.max(1, 1000L / config.tokensPerSecond());
    SimulatedStream stream = new SimulatedStream(vertx, tokens, interval, TokenEstimator.estimate(request.messages()));
    stream.start();
    return stream;
  }

  static String lastUserText(LlmRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      if (ChatMessage.USER.equals(request.messages().get(i).role())) {
        return request.messages().get(i).content();
      }
    }
    return "";
  }

  /** The reply for a prompt, one token per list element (a word with its leading space). */
  static List<String> reply(String prompt, int count) {
    List<String> out = new ArrayList<>(count);
    out.add("[simulated]");
    Random random = new Random(prompt.hashCode());
    while (out.size() < count) {
      out.add(" " + WORDS[random.nextInt(WORDS.length)]);
    }
    return out.subList(0, Math.min(count, out.size()));
  }

  /** Emits one token per timer tick; a paused stream holds its next tick until resumed. */
  private static final class SimulatedStream extends BaseLlmStream {
    private final Vertx vertx;
    private final List<String> tokens;
    private final long intervalMs;
    private final int promptTokens;
    private int next;
    private long timer = -1;

    SimulatedStream(Vertx vertx, List<String> tokens, long intervalMs, int promptTokens) {
      super(vertx.getOrCreateContext());
      this.vertx = vertx;
      this.tokens = tokens;
      this.intervalMs = intervalMs;
      this.promptTokens = promptTokens;
    }

    void start() {
      schedule();
    }

    private void schedule() {
      timer = vertx.setTimer(intervalMs, id -> onContext(this::tick));
    }

    private void tick() {
      timer = -1;
      if (done() || paused()) {
        return;
      }
      emit(tokens.get(next++));
      if (next >= tokens.size()) {
        finish(new LlmResult("stop", new Usage(promptTokens, tokens.size(), true)));
      } else if (!paused() && !done()) {
        schedule();
      }
    }

    @Override
    protected void release(boolean abort) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    @Override
    protected void onPause() {
      release(false);
    }

    @Override
    protected void onResume() {
      if (timer < 0) {
        schedule();
      }
    }
  }
}
