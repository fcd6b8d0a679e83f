package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed completion against the configured upstreams, tried in order.
 *
 * <p>Before the first token, any failure (connect error, non-200 status, upstream error event, no
 * token within {@code firstTokenTimeoutMs}) moves on to the next upstream; when none is left the
 * stream fails with the last failure's code. After the first token a failure ends the stream with
 * {@code ai_upstream_interrupted}. {@code maxDurationSeconds} caps the whole generation.
 *
 * <p>The response is read line by line through a {@link RecordParser}; pausing this stream pauses
 * the parser and with it the HTTP response, so a slow consumer stops the reads from the socket.
 * Cancelling resets the request, which closes the upstream connection.
 */
final class OpenAiStream extends BaseLlmStream {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiStream.class);

  private final Vertx vertx;
  private final AiConfig.OpenAi config;
  private final UpstreamFailover upstreams;
  private RecordParser parser;
  private long durationTimer = -1;
  private String finishReason;
  private Usage usage;

  OpenAiStream(Vertx vertx, HttpClient client, AiConfig.OpenAi config, Buffer body) {
    super(vertx.getOrCreateContext());
    this.vertx = vertx;
    this.config = config;
    RequestOptions template = new RequestOptions()
      .setMethod(HttpMethod.POST)
      .setConnectTimeout(config.connectTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader("Accept", "text/event-stream");
    if (!config.apiKey().isEmpty()) {
      template.putHeader("Authorization", "Bearer " + config.apiKey());
    }
    this.upstreams = new UpstreamFailover(vertx, client, config.baseUrls(), "/chat/completions", template, body,
      config.firstTokenTimeoutMs(), "AI upstream", new Owner());
  }

  void start() {
    durationTimer = vertx.setTimer(config.maxDurationSeconds() * 1000L, id -> onContext(() ->
      fail(AppException.of(ErrorCode.AI_GENERATION_TOO_LONG, "The generation ran past its time limit."))));
    upstreams.next();
  }

  /** How the shared failover sees this stream: its first useful byte is the first token. */
  private final class Owner implements UpstreamFailover.Owner {
    @Override
    public boolean ended() {
      return done();
    }

    @Override
    public boolean answered() {
      return started();
    }

    @Override
    public void runOnOwner(Runnable action) {
      onContext(action);
    }

    @Override
    public void answer(int attempt, HttpClientResponse response) {
      onAnswer(attempt, response);
    }

    @Override
    public void exhausted(AppException last) {
      fail(last);
    }

    @Override
    public void detach() {
      if (parser != null) {
        // We end this response ourselves: its reset must not be reported as a broken stream.
        parser.handler(null).endHandler(null).exceptionHandler(e -> { });
        parser = null;
      }
    }
  }

  private void onAnswer(int attempt, HttpClientResponse response) {
    SseEventParser events = new SseEventParser(data -> onEvent(attempt, data));
    parser = RecordParser.newDelimited("\n", response);
    parser.handler(events);
    parser.exceptionHandler(e -> onContext(() -> broken(attempt, "read failed: " + e.getClass().getSimpleName())));
    parser.endHandler(v -> onContext(() -> {
      events.flush();
      if (!done() && attempt == upstreams.current()) {
        broken(attempt, "stream ended without [DONE]");
      }
    }));
    if (paused()) {
      parser.pause();
    }
  }

  private void onEvent(int attempt, String data) {
    if (done() || attempt != upstreams.current()) {
      return;
    }
    if (data.equals("[DONE]")) {
      finish(new LlmResult(finishReason == null ? "stop" : finishReason, usage));
      return;
    }
    JsonObject chunk;
    try {
      chunk = new JsonObject(data);
    } catch (DecodeException e) {
      broken(attempt, "unparsable event");
      return;
    }
    if (chunk.getValue("error") != null) {
      LOG.warn("AI upstream #{} sent an error event", attempt);
      onError(attempt, AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "The model is unavailable."));
      return;
    }
    readUsage(chunk.getJsonObject("usage"));
    JsonArray choices = chunk.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      return;
    }
    JsonObject choice = choices.getJsonObject(0);
    if (choice.getString("finish_reason") != null) {
      finishReason = choice.getString("finish_reason");
    }
    JsonObject delta = choice.getJsonObject("delta");
    String content = delta == null ? null : delta.getString("content");
    if (content != null && !content.isEmpty()) {
      upstreams.cancelFirstByteTimer();
      emit(content);
    }
  }

  private void readUsage(JsonObject u) {
    if (u != null && u.getValue("prompt_tokens") instanceof Number p && u.getValue("completion_tokens") instanceof Number c) {
      usage = new Usage(p.intValue(), c.intValue(), false);
    }
  }

  private void broken(int attempt, String why) {
    LOG.warn("AI upstream #{} stream broke ({})", attempt, why);
    onError(attempt, AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "The model is unavailable."));
  }

  private void onError(int attempt, AppException failure) {
    if (started()) {
      fail(AppException.of(ErrorCode.AI_UPSTREAM_INTERRUPTED, "The model stopped answering mid-reply."));
    } else {
      upstreams.beforeFirstByte(attempt, failure);
    }
  }

  @Override
  protected void release(boolean abort) {
    upstreams.cancelFirstByteTimer();
    if (durationTimer >= 0) {
      vertx.cancelTimer(durationTimer);
      durationTimer = -1;
    }
    if (abort) {
      upstreams.drop();
    } else if (parser != null) {
      // [DONE] seen: let the (empty) rest of the response drain so the connection is reused.
      parser.resume();
    }
  }

  @Override
  protected void onPause() {
    if (parser != null) {
      parser.pause();
    }
  }

  @Override
  protected void onResume() {
    if (parser != null) {
      parser.resume();
    }
  }
}
