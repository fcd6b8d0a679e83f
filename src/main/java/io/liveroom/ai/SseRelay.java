package io.liveroom.ai;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Streams one generation to an HTTP client as OpenAI chunks over SSE: a role chunk, a chunk per
 * delta, a final chunk with the finish reason, the usage chunk when asked for, then
 * {@code data: [DONE]}. A failure after the headers is sent in-band as OpenAI does
 * ({@code data: {"error": {...}}}).
 *
 * <p>Backpressure: when the response's write queue is full the generation is paused (and with it
 * the upstream read) until the client drains it. A client that goes away cancels the generation.
 */
final class SseRelay {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  private final HttpServerResponse response;
  private final Generation generation;
  private final CompletionRequest request;
  private final long created = System.currentTimeMillis() / 1000;

  SseRelay(HttpServerResponse response, Generation generation, CompletionRequest request) {
    this.response = response;
    this.generation = generation;
    this.request = request;
  }

  void run() {
    response.setChunked(true)
      .putHeader("Content-Type", "text/event-stream; charset=utf-8")
      .putHeader("Cache-Control", "no-cache")
      .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> generation.cancel());
    response.exceptionHandler(e -> generation.cancel());
    send(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
    generation.handler(this::onDelta);
    generation.outcome().onSuccess(this::finish);
  }

  private void onDelta(String text) {
    send(chunk(new JsonObject().put("content", text), null));
    if (response.writeQueueFull()) {
      generation.pause();
      response.drainHandler(v -> generation.resume());
    }
  }

  private void finish(GenerationOutcome o) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (o.status().equals(GenerationOutcome.COMPLETE)) {
      send(chunk(new JsonObject(), o.finishReason() == null ? "stop" : o.finishReason()));
      if (request.includeUsage()) {
        send(OpenAiFormat.usageChunk(generation.id(), created, generation.model(), o.usage()));
      }
    } else {
      io.liveroom.error.ErrorCode code = o.error() == null ? io.liveroom.error.ErrorCode.AI_CANCELLED : o.error();
      send(new JsonObject().put("error", OpenAiFormat.error(code, "The generation ended early: " + code.code())));
    }
    response.end(DONE);
  }

  private JsonObject chunk(JsonObject delta, String finishReason) {
    return OpenAiFormat.chunk(generation.id(), created, generation.model(), delta, finishReason);
  }

  private void send(JsonObject event) {
    response.write(Buffer.buffer("data: ").appendString(event.encode()).appendString("\n\n"));
  }
}
