package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
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
  private final PaintConfig.OpenAi config;
  private final UpstreamFailover upstreams;
  private long durationTimer = -1;
  private boolean answered;

  OpenAiImageJob(Vertx vertx, HttpClient client, PaintConfig.OpenAi config, String path, String contentType, Buffer body) {
    super(vertx.getOrCreateContext());
    this.vertx = vertx;
    this.config = config;
    RequestOptions template = new RequestOptions().setMethod(HttpMethod.POST)
      .setConnectTimeout(config.connectTimeoutMs()).putHeader("Content-Type", contentType);
    if (!config.apiKey().isEmpty()) {
      template.putHeader("Authorization", "Bearer " + config.apiKey());
    }
    this.upstreams = new UpstreamFailover(vertx, client, config.baseUrls(), path, template, body,
      config.firstByteTimeoutMs(), "AI image upstream", new Owner());
  }

  void start() {
    durationTimer = vertx.setTimer(config.maxDurationSeconds() * 1000L, id -> onContext(() ->
      fail(AppException.of(ErrorCode.AI_GENERATION_TOO_LONG, "The painting ran past its time limit."))));
    upstreams.next();
  }

  /** How the shared failover sees this job. */
  private final class Owner implements UpstreamFailover.Owner {
    @Override
    public boolean ended() {
      return done();
    }

    @Override
    public boolean answered() {
      return answered;
    }

    @Override
    public void runOnOwner(Runnable action) {
      onContext(action);
    }

    @Override
    public void answer(int attempt, HttpClientResponse response) {
      onAnswer(response);
    }

    @Override
    public void exhausted(AppException last) {
      fail(last);
    }
  }

  private void onAnswer(HttpClientResponse response) {
    answered = true;
    upstreams.cancelFirstByteTimer();
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
    LOG.warn("AI image upstream #{} broke after answering ({})", upstreams.current(), why);
    fail(AppException.of(ErrorCode.AI_UPSTREAM_INTERRUPTED, "The model stopped answering mid-picture."));
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
    }
  }
}
