package io.liveroom.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AI dialogue. {@code provider} is {@code simulated} (a deterministic stand-in, the embedded
 * default) or {@code openai} (any OpenAI-compatible {@code /v1/chat/completions} upstream).
 *
 * @param contextTokenBudget estimated tokens of history sent upstream with each request
 * @param maxInputChars      longest accepted user message
 * @param paint              AI painting ({@code ai.paint})
 */
public record AiConfig(String provider, Simulated simulated, OpenAi openai, int contextTokenBudget,
                       int maxInputChars, Quota quota, List<String> blockedWords, PaintConfig paint) {

  /**
   * The {@code simulated} provider: a fixed-length deterministic reply at a fixed rate.
   * {@code stampTokens} (benchmarks only) appends each token's emit time to it.
   */
  public record Simulated(int tokensPerSecond, int replyTokens, boolean stampTokens) {
    public Simulated(int tokensPerSecond, int replyTokens) {
      this(tokensPerSecond, replyTokens, false);
    }
  }

  /**
   * The {@code openai} provider. {@code baseUrls} are tried in order before the first token;
   * {@code models} maps our public model names to upstream names ({@code "public=upstream"} or just
   * {@code "name"}); the first is the default.
   */
  public record OpenAi(List<String> baseUrls, String apiKey, Map<String, String> models, int connectTimeoutMs,
                       int firstTokenTimeoutMs, int maxDurationSeconds) {
    public String defaultModel() {
      return models.keySet().iterator().next();
    }
  }

  /** Per-user limits, shared by all nodes through Redis. */
  public record Quota(int requestsPerMinute, long tokensPerDay, int concurrentGenerations) {
  }

  static AiConfig from(ConfigReader r) {
    String provider = r.oneOf("ai.provider", Set.of("simulated", "openai"));
    Simulated simulated = new Simulated(r.intIn("ai.simulated.tokensPerSecond", 1, 10_000),
      r.intIn("ai.simulated.replyTokens", 1, 100_000), r.bool("ai.simulated.stampTokens"));
    OpenAi openai = openai(r, provider.equals("openai"));
    Quota quota = new Quota(r.intIn("ai.quota.requestsPerMinute", 1, 1_000_000),
      r.longIn("ai.quota.tokensPerDay", 1, Long.MAX_VALUE / 2), r.intIn("ai.quota.concurrentGenerations", 1, 10_000));
    return new AiConfig(provider, simulated, openai, r.intIn("ai.contextTokenBudget", 100, 1_000_000),
      r.intIn("ai.maxInputChars", 1, 1_000_000), quota, r.strings("ai.moderation.blockedWords"),
      PaintConfig.from(r));
  }

  private static OpenAi openai(ConfigReader r, boolean selected) {
    List<String> urls = r.strings("ai.openai.baseUrls").stream().map(u -> u.replaceAll("/+$", "")).toList();
    for (String u : urls) {
      if (!u.startsWith("http://") && !u.startsWith("https://")) {
        throw r.fail("ai.openai.baseUrls", "entries must be http:// or https:// URLs, got '" + u + "'");
      }
    }
    Map<String, String> models = new LinkedHashMap<>();
    for (String entry : r.strings("ai.openai.models")) {
      String[] parts = entry.split("=", 2);
      String pub = parts[0].trim();
      String upstream = parts.length == 2 ? parts[1].trim() : pub;
      if (pub.isEmpty() || upstream.isEmpty()) {
        throw r.fail("ai.openai.models", "entries are 'name' or 'public=upstream', got '" + entry + "'");
      }
      models.put(pub, upstream);
    }
    if (selected && urls.isEmpty()) {
      throw r.fail("ai.openai.baseUrls", "needs at least one URL when ai.provider is openai");
    }
    if (selected && models.isEmpty()) {
      throw r.fail("ai.openai.models", "needs at least one model when ai.provider is openai");
    }
    return new OpenAi(urls, r.string("ai.openai.apiKey"), java.util.Collections.unmodifiableMap(models),
      r.intIn("ai.openai.connectTimeoutMs", 100, 120_000), r.intIn("ai.openai.firstTokenTimeoutMs", 100, 600_000),
      r.intIn("ai.openai.maxDurationSeconds", 1, 86_400));
  }
}
