package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;

/**
 * One picture from the configured upstreams, tried in order.
 *
 * <p>Before the first byte (a 200 response), any failure (connect error, non-200 status, no answer
 * within {@code firstByteTimeoutMs}) moves on to the next upstream; when none is left the job fails
 * with the last failure's code. After that a failure ends it with {@code ai_upstream_interrupted}.
 * {@code maxDurationSeconds} caps the whole job. A streamed answer ({@code text/event-stream}) gives
 * {@code *.partial_image} events as previews and the {@code *.completed} event's picture; a plain
 * JSON answer gives {@code data[0].b64_json}. Cancelling resets the request, which closes the
 * upstream connection at once.
 */
final class OpenAiImageJob extends BaseImageJob {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiImageJob.class);

  private final Vertx vertx;
  private final HttpClient client;
  private final PaintConfig.OpenAi config;
  private final String path;
  private final String contentType;
  private final Buffer body;
  private int upstream = -1;
  private HttpClientRequest request;
  private long firstByteTimer = -1;
  private long durationTimer = -1;
  private boolean answered;
  private AppException lastFailure = AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "No upstream is available.");

  OpenAiImageJob(Vertx vertx, HttpClient client, PaintConfig.OpenAi config, String path, String contentType, Buffer body) {
    super(vertx.getOrCreateContext());
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.path = path;
    this.contentType = contentType;
    this.body = body;
  }

  void start() {
    durationTimer = vertx.setTimer(config.maxDurationSeconds() * 1000L, id -> onContext(() ->
      fail(AppException.of(ErrorCode.AI_GENERATION_TOO_LONG, "The painting ran past its time limit."))));
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
    firstByteTimer = vertx.setTimer(config.firstByteTimeoutMs(), id -> onContext(() -> {
      if (attempt == upstream && !answered) {
        beforeFirstByte(attempt, AppException.of(ErrorCode.AI_UPSTREAM_TIMEOUT, "The model did not answer in time."));
      }
    }));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
      .setAbsoluteURI(config.baseUrls().get(attempt) + path).setConnectTimeout(config.connectTimeoutMs())
      .putHeader("Content-Type", contentType);
    if (!config.apiKey().isEmpty()) {
      options.putHeader("Authorization", "Bearer " + config.apiKey());
    }
    client.request(options).compose(req -> {
      request = req;
      return req.send(body);
    }).onComplete(ar -> onContext(() -> {
      if (attempt != upstream || done()) {
        return;
      }
      if (ar.failed()) {
        beforeFirstByte(attempt, AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "The model is unavailable."));
      } else {
        onResponse(attempt, ar.result());
      }
    }));
  }

  private void onResponse(int attempt, HttpClientResponse response) {
    if (response.statusCode() != 200) {
      response.exceptionHandler(e -> { });
      LOG.warn("AI image upstream #{} answered HTTP {}", attempt, response.statusCode());
      ErrorCode code = response.statusCode() == 429 || response.statusCode() >= 500
        ? ErrorCode.AI_UPSTREAM_UNAVAILABLE : ErrorCode.AI_UPSTREAM_REJECTED;
      beforeFirstByte(attempt, AppException.of(code, code == ErrorCode.AI_UPSTREAM_REJECTED
        ? "The model refused the request." : "The model is unavailable."));
      return;
    }
    answered = true;
    cancelFirstByteTimer();
    response.exceptionHandler(e -> onContext(() -> interrupted("read failed: " + e.getClass().getSimpleName())));
    String type = response.getHeader("Content-Type");
    if (type != null && type.startsWith("text/event-stream")) {
      SseEventParser events = new SseEventParser(this::onEvent);
      RecordParser parser = RecordParser.newDelimited("\n", response);
      parser.handler(events);
      parser.exceptionHandler(e -> onContext(() -> interrupted("read failed")));
      parser.endHandler(v -> onContext(() -> {
        events.flush();
        interrupted("stream ended without a completed picture");
      }));
    } else {
      response.body().onComplete(ar -> onContext(() -> {
        if (ar.failed()) {
          interrupted("read failed");
          return;
        }
        try {
          JsonArray data = ar.result().toJsonObject().getJsonArray("data");
          finish(decode(data.getJsonObject(0).getString("b64_json")));
        } catch (RuntimeException e) {
          interrupted("no b64_json picture in the answer");
        }
      }));
    }
  }

  private void onEvent(String data) {
    if (done() || data.equals("[DONE]")) {
      return;
    }
    try {
      JsonObject event = new JsonObject(data);
      String type = event.getString("type", "");
      if (event.getValue("error") != null) {
        interrupted("error event");
      } else if (type.endsWith(".partial_image")) {
        preview(decode(event.getString("b64_json")));
      } else if (type.endsWith(".completed")) {
        finish(decode(event.getString("b64_json")));
      }
    } catch (RuntimeException e) {
      interrupted("unparsable event");
    }
  }

  private static Buffer decode(String b64) {
    return Buffer.buffer(Base64.getDecoder().decode(b64));
  }

  private void interrupted(String why) {
    if (done()) {
      return;
    }
    LOG.warn("AI image upstream #{} broke after answering ({})", upstream, why);
    fail(AppException.of(ErrorCode.AI_UPSTREAM_INTERRUPTED, "The model stopped answering mid-picture."));
  }

  private void beforeFirstByte(int attempt, AppException failure) {
    if (done() || attempt != upstream) {
      return;
    }
    lastFailure = failure;
    if (upstream + 1 < config.baseUrls().size()) {
      LOG.warn("AI image upstream #{} failed ({}); failing over to #{}", attempt, failure.code().code(), attempt + 1);
    }
    nextUpstream();
  }

  private void cancelFirstByteTimer() {
    if (firstByteTimer >= 0) {
      vertx.cancelTimer(firstByteTimer);
      firstByteTimer = -1;
    }
  }

  private void dropRequest() {
    cancelFirstByteTimer();
    if (request != null) {
      request.reset();
      request = null;
    }
  }

  @Override
  protected void release(boolean abort) {
    cancelFirstByteTimer();
    if (durationTimer >= 0) {
      vertx.cancelTimer(durationTimer);
      durationTimer = -1;
    }
    if (abort) {
      dropRequest();
    }
  }
}
