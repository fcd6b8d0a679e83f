package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
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
  private final HttpClient client;
  private final AiConfig.OpenAi config;
  private final Buffer body;
  private int upstream = -1;
  private HttpClientRequest request;
  private RecordParser parser;
  private long firstTokenTimer = -1;
  private long durationTimer = -1;
  private String finishReason;
  private Usage usage;
  private AppException lastFailure = AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "No upstream is available.");

  OpenAiStream(Vertx vertx, HttpClient client, AiConfig.OpenAi config, Buffer body) {
    super(vertx.getOrCreateContext());
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.body = body;
  }

  void start() {
    durationTimer = vertx.setTimer(config.maxDurationSeconds() * 1000L, id -> onContext(() ->
      fail(AppException.of(ErrorCode.AI_GENERATION_TOO_LONG, "The generation ran past its time limit."))));
    nextUpstream();
  }

  private void nextUpstream() {
    upstream++;
    dropRequest();
    if (done()) {
      return;
    }
    if (upstream >= config.baseUrls().size()) {
      fail(lastFailure);
      return;
    }
    int attempt = upstream;
    firstTokenTimer = vertx.setTimer(config.firstTokenTimeoutMs(), id -> onContext(() -> {
      if (attempt == upstream && !started()) {
        beforeFirstToken(attempt, AppException.of(ErrorCode.AI_UPSTREAM_TIMEOUT, "The model did not answer in time."));
      }
    }));
    RequestOptions options = new RequestOptions()
      .setMethod(HttpMethod.POST)
      .setAbsoluteURI(config.baseUrls().get(attempt) + "/chat/completions")
      .setConnectTimeout(config.connectTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader("Accept", "text/event-stream");
    if (!config.apiKey().isEmpty()) {
      options.putHeader("Authorization", "Bearer " + config.apiKey());
    }
    client.request(options)
      .compose(req -> {
        request = req;
        return req.send(body);
      })
      .onComplete(ar -> onContext(() -> {
        if (attempt != upstream || done()) {
          return;
        }
        if (ar.failed()) {
          beforeFirstToken(attempt, AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "The model is unavailable."));
        } else {
          onResponse(attempt, ar.result());
        }
      }));
  }

  private void onResponse(int attempt, HttpClientResponse response) {
    if (response.statusCode() != 200) {
      response.exceptionHandler(e -> { });  // the reset that drops it is ours
      LOG.warn("AI upstream #{} answered HTTP {} before the first token", attempt, response.statusCode());
      ErrorCode code = response.statusCode() == 429 || response.statusCode() >= 500
        ? ErrorCode.AI_UPSTREAM_UNAVAILABLE : ErrorCode.AI_UPSTREAM_REJECTED;
      beforeFirstToken(attempt, AppException.of(code, code == ErrorCode.AI_UPSTREAM_REJECTED
        ? "The model refused the request." : "The model is unavailable."));
      return;
    }
    SseEventParser events = new SseEventParser(data -> onEvent(attempt, data));
    parser = RecordParser.newDelimited("\n", response);
    parser.handler(events);
    parser.exceptionHandler(e -> onContext(() -> broken(attempt, "read failed: " + e.getClass().getSimpleName())));
    parser.endHandler(v -> onContext(() -> {
      events.flush();
      if (!done() && attempt == upstream) {
        broken(attempt, "stream ended without [DONE]");
      }
    }));
    if (paused()) {
      parser.pause();
    }
  }

  private void onEvent(int attempt, String data) {
    if (done() || attempt != upstream) {
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
      cancelFirstTokenTimer();
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
      beforeFirstToken(attempt, failure);
    }
  }

  private void beforeFirstToken(int attempt, AppException failure) {
    if (done() || attempt != upstream) {
      return;
    }
    lastFailure = failure;
    if (upstream + 1 < config.baseUrls().size()) {
      LOG.warn("AI upstream #{} failed before the first token ({}); failing over to #{}", attempt,
        failure.code().code(), attempt + 1);
    }
    nextUpstream();
  }

  private void cancelFirstTokenTimer() {
    if (firstTokenTimer >= 0) {
      vertx.cancelTimer(firstTokenTimer);
      firstTokenTimer = -1;
    }
  }

  private void dropRequest() {
    cancelFirstTokenTimer();
    if (parser != null) {
      // We end this response ourselves: its reset must not be reported as a broken stream.
      parser.handler(null).endHandler(null).exceptionHandler(e -> { });
    }
    if (request != null) {
      request.reset();
      request = null;
    }
    parser = null;
  }

  @Override
  protected void release(boolean abort) {
    cancelFirstTokenTimer();
    if (durationTimer >= 0) {
      vertx.cancelTimer(durationTimer);
      durationTimer = -1;
    }
    if (abort) {
      dropRequest();
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
