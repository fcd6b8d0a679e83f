package io.liveroom.config;

import java.util.List;
import java.util.Set;

/**
 * AI painting ({@code ai.paint}). {@code provider} is {@code simulated} (a stand-in that renders a
 * deterministic pattern; the embedded default) or {@code openai} (any OpenAI-compatible
 * {@code /v1/images/generations} upstream). {@code sizes} is the allow-list of {@code WxH} sizes;
 * the first is the default.
 *
 * @param previewTtlSeconds how long a partial preview stays fetchable (they live in Redis only)
 * @param maxPromptChars    longest accepted prompt
 */
public record PaintConfig(String provider, List<String> sizes, Simulated simulated, OpenAi openai, Quota quota,
                          int previewTtlSeconds, int maxPromptChars) {

  /** The stand-in: {@code partialImages} low-resolution previews, one every {@code stepMs}, then the picture. */
  public record Simulated(int partialImages, int stepMs, int previewSide) {
  }

  /** The {@code openai} images upstream; {@code baseUrls} are tried in order before the first byte. */
  public record OpenAi(List<String> baseUrls, String apiKey, String model, int partialImages, int connectTimeoutMs,
                       int firstByteTimeoutMs, int maxDurationSeconds) {
  }

  /** Per-user limits shared by every node (Redis). */
  public record Quota(int imagesPerDay, int concurrentGenerations) {
  }

  public String defaultSize() {
    return sizes.get(0);
  }

  static PaintConfig from(ConfigReader r) {
    String provider = r.oneOf("ai.paint.provider", Set.of("simulated", "openai"));
    List<String> sizes = r.strings("ai.paint.sizes");
    if (sizes.isEmpty()) {
      throw r.fail("ai.paint.sizes", "needs at least one size");
    }
    for (String s : sizes) {
      if (!s.matches("[1-9][0-9]{1,3}x[1-9][0-9]{1,3}")) {
        throw r.fail("ai.paint.sizes", "entries are WIDTHxHEIGHT (e.g. 1024x1024), got '" + s + "'");
      }
    }
    Simulated simulated = new Simulated(r.intIn("ai.paint.simulated.partialImages", 0, 10),
      r.intIn("ai.paint.simulated.stepMs", 0, 60_000), r.intIn("ai.paint.simulated.previewSide", 16, 512));
    List<String> urls = r.strings("ai.paint.openai.baseUrls").stream().map(u -> u.replaceAll("/+$", "")).toList();
    for (String u : urls) {
      if (!u.startsWith("http://") && !u.startsWith("https://")) {
        throw r.fail("ai.paint.openai.baseUrls", "entries must be http:// or https:// URLs, got '" + u + "'");
      }
    }
    if (provider.equals("openai") && urls.isEmpty()) {
      throw r.fail("ai.paint.openai.baseUrls", "needs at least one URL when ai.paint.provider is openai");
    }
    OpenAi openai = new OpenAi(urls, r.string("ai.paint.openai.apiKey"), r.string("ai.paint.openai.model"),
      r.intIn("ai.paint.openai.partialImages", 0, 3), r.intIn("ai.paint.openai.connectTimeoutMs", 100, 120_000),
      r.intIn("ai.paint.openai.firstByteTimeoutMs", 100, 600_000),
      r.intIn("ai.paint.openai.maxDurationSeconds", 1, 3600));
    Quota quota = new Quota(r.intIn("ai.paint.quota.imagesPerDay", 1, 1_000_000),
      r.intIn("ai.paint.quota.concurrentGenerations", 1, 10_000));
    return new PaintConfig(provider, List.copyOf(sizes), simulated, openai, quota,
      r.intIn("ai.paint.previewTtlSeconds", 10, 86_400), r.intIn("ai.paint.maxPromptChars", 1, 32_000));
  }
}
