package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
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
 * <p>Tokens come in decoding steps, as from a batching inference server (vLLM, TGI, llama.cpp
 * with parallel slots): every step gives each active stream its next token, and the steps keep a
 * fixed timeline, so the rate is the configured one even when a step runs a little late.
 */
public final class SimulatedProvider implements LlmProvider {
  public static final String NAME = "simulated";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedProvider.class);
  private static final String[] WORDS = {"the", "stream", "answer", "arrives", "token", "by", "word", "and",
    "nothing", "here", "is", "generated", "by", "a", "model", "this", "text", "only", "tests", "relay", "timing"};

  private final Vertx vertx;
  private final AiConfig.Simulated config;
  /** One step clock per event loop; streams step on the loop that opened them. */
  private final Map<EventLoop, DecodeSteps> stepsByLoop = new ConcurrentHashMap<>();

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
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    DecodeSteps steps = stepsByLoop.computeIfAbsent(context.nettyEventLoop(),
      loop -> new DecodeSteps(context, 1_000_000_000L / config.tokensPerSecond()));
    SimulatedStream stream = new SimulatedStream(context, tokens, TokenEstimator.estimate(request.messages()));
    steps.add(stream);
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

  /** Emits one token per decoding step; a paused stream skips steps until resumed. */
  private static final class SimulatedStream extends BaseLlmStream implements DecodeSteps.Member {
    private final List<String> tokens;
    private final int promptTokens;
    private int next;

    SimulatedStream(ContextInternal context, List<String> tokens, int promptTokens) {
      super(context);
      this.tokens = tokens;
      this.promptTokens = promptTokens;
    }

    @Override
    public boolean step() {
      if (done()) {
        return false;
      }
      if (paused()) {
        return true;
      }
      emit(tokens.get(next++));
      if (next >= tokens.size()) {
        finish(new LlmResult("stop", new Usage(promptTokens, tokens.size(), true)));
      }
      return !done();
    }

    @Override
    public ContextInternal context() {
      return (ContextInternal) context;
    }

    @Override
    protected void release(boolean abort) {
      // Nothing to stop: the next step drops a finished stream.
    }

    @Override
    protected void onPause() {
    }

    @Override
    protected void onResume() {
    }
  }
}
