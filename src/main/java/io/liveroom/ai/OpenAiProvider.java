package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The {@code openai} provider: any OpenAI-compatible {@code POST <baseUrl>/chat/completions} with
 * {@code stream: true} (OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM). Base URLs are tried in
 * order until one produces a first token; see {@link OpenAiStream} for timeouts and failover.
 */
public final class OpenAiProvider implements LlmProvider {
  public static final String NAME = "openai";
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiProvider.class);

  private final Vertx vertx;
  private final AiConfig.OpenAi config;
  private final HttpClient client;

  public OpenAiProvider(Vertx vertx, AiConfig.OpenAi config) {
    this.vertx = vertx;
    this.config = config;
    this.client = vertx.createHttpClient(new HttpClientOptions()
      .setConnectTimeout(config.connectTimeoutMs())
      .setKeepAlive(true)
      .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(1000).setMaxWaitQueueSize(10_000));
    LOG.info("AI provider is 'openai' with {} upstream(s) and models {}", config.baseUrls().size(),
      config.models().keySet());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> models() {
    return List.copyOf(config.models().keySet());
  }

  @Override
  public LlmStream open(LlmRequest request) {
    String upstreamModel = config.models().getOrDefault(request.model(), config.models().get(config.defaultModel()));
    OpenAiStream stream = new OpenAiStream(vertx, client, config, body(request, upstreamModel).toBuffer());
    stream.start();
    return stream;
  }

  static JsonObject body(LlmRequest request, String upstreamModel) {
    JsonArray messages = new JsonArray();
    for (PromptMessage m : request.messages()) {
      messages.add(new JsonObject().put("role", m.role()).put("content", m.content()));
    }
    JsonObject body = new JsonObject()
      .put("model", upstreamModel)
      .put("messages", messages)
      .put("stream", true)
      .put("stream_options", new JsonObject().put("include_usage", true));
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    return body;
  }
}
