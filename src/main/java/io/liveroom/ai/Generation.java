package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.time.Duration;
import java.util.List;

/**
 * A governed generation: the provider's stream with output moderation, the text received so far,
 * and an {@link #outcome()} that always succeeds once the end has been recorded (usage row,
 * quota charged, metrics). Consumers relay {@link #handler deltas} and use {@link #pause()} /
 * {@link #resume()} for backpressure; {@link #cancel()} may be called from any thread.
 */
public final class Generation {
  private final String id;
  private final long userId;
  private final String model;
  private final String surface;
  private final List<PromptMessage> context;
  private final LlmStream stream;
  private final ContentModerator moderator;
  private final long startNanos = System.nanoTime();
  private final StringBuilder text = new StringBuilder();
  private Handler<String> handler = d -> { };
  private Long firstTokenNanos;
  private boolean blocked;
  private Future<GenerationOutcome> outcome;

  Generation(String id, long userId, String model, String surface, List<PromptMessage> context, LlmStream stream,
             ContentModerator moderator) {
    this.id = id;
    this.userId = userId;
    this.model = model;
    this.surface = surface;
    this.context = context;
    this.stream = stream;
    this.moderator = moderator;
    stream.handler(this::onDelta);
  }

  private void onDelta(String delta) {
    int behind = moderator.lookBehind();
    // A word may straddle deltas: the check covers the tail of the text before this one.
    String checked = behind == 0 ? delta : text.substring(Math.max(0, text.length() - behind)) + delta;
    if (moderator.findBlocked(checked) != null) {
      blocked = true;
      stream.cancel();
      return;
    }
    if (firstTokenNanos == null) {
      firstTokenNanos = System.nanoTime();
    }
    text.append(delta);
    handler.handle(delta);
  }

  public Generation handler(Handler<String> delta) {
    this.handler = delta;
    return this;
  }

  public Generation pause() {
    stream.pause();
    return this;
  }

  public Generation resume() {
    stream.resume();
    return this;
  }

  public void cancel() {
    stream.cancel();
  }

  /** Succeeds once the generation has ended and been recorded; never fails. */
  public Future<GenerationOutcome> outcome() {
    return outcome;
  }

  void outcome(Future<GenerationOutcome> recorded) {
    this.outcome = recorded;
  }

  /** How the stream ended, as an outcome with usage (estimated when the upstream gave none). */
  GenerationOutcome toOutcome(AsyncResult<LlmResult> end) {
    String answer = text.toString();
    if (end.succeeded()) {
      Usage usage = end.result().usage() != null ? end.result().usage() : estimate(answer);
      return new GenerationOutcome(id, GenerationOutcome.COMPLETE, answer, usage, end.result().finishReason(), null);
    }
    ErrorCode code = end.cause() instanceof AppException app ? app.code() : ErrorCode.AI_UPSTREAM_UNAVAILABLE;
    if (blocked) {
      code = ErrorCode.AI_CONTENT_BLOCKED;
    }
    String status = code == ErrorCode.AI_CANCELLED ? GenerationOutcome.CANCELLED : GenerationOutcome.ERROR;
    return new GenerationOutcome(id, status, answer, estimate(answer), null, status.equals(GenerationOutcome.ERROR) ? code : null);
  }

  private Usage estimate(String answer) {
    return new Usage(TokenEstimator.estimate(context), TokenEstimator.estimate(answer), true);
  }

  LlmStream stream() {
    return stream;
  }

  public String id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public String model() {
    return model;
  }

  public String surface() {
    return surface;
  }

  Integer firstTokenMs() {
    return firstTokenNanos == null ? null : (int) ((firstTokenNanos - startNanos) / 1_000_000);
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
