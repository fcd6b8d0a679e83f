package io.liveroom.ai;

import io.liveroom.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.Base64;

/**
 * Streams one painting to an HTTP client as the OpenAI Images API streams: an
 * {@code <prefix>.partial_image} event per preview (with {@code partial_image_index}), then one
 * {@code <prefix>.completed} event with the picture, where the prefix is {@code image_generation}
 * or {@code image_edit}. A failure after the headers is sent in-band as an {@code error} event. A
 * client that goes away cancels the painting.
 */
final class ImageSseRelay {
  private final HttpServerResponse response;
  private final Painting painting;
  private final String prefix;
  private final long created = System.currentTimeMillis() / 1000;
  private int index;

  ImageSseRelay(HttpServerResponse response, Painting painting, String prefix) {
    this.response = response;
    this.painting = painting;
    this.prefix = prefix;
  }

  void run() {
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
      .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> painting.cancel());
    response.exceptionHandler(e -> painting.cancel());
    // Headers now: a client sees the stream open before the first preview.
    response.write(": painting " + painting.id() + "\n\n");
    painting.previewHandler(png -> send(prefix + ".partial_image", image(png).put("partial_image_index", index++)));
    painting.outcome().onSuccess(this::finish);
  }

  private void finish(PaintOutcome o) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (o.status().equals(GenerationOutcome.COMPLETE)) {
      send(prefix + ".completed", image(o.png()).put("media_id", o.image().mediaId().toString()));
    } else {
      ErrorCode code = o.error() == null ? ErrorCode.AI_CANCELLED : o.error();
      send("error", new JsonObject().put("type", "error")
        .put("error", OpenAiFormat.error(code, "The picture was not made: " + code.code())));
    }
    response.end();
  }

  private JsonObject image(Buffer png) {
    return new JsonObject().put("b64_json", Base64.getEncoder().encodeToString(png.getBytes()))
      .put("created_at", created).put("size", painting.request().size()).put("quality", "auto")
      .put("background", "opaque").put("output_format", "png");
  }

  private void send(String type, JsonObject event) {
    event.put("type", type);
    response.write(Buffer.buffer("event: " + type + "\ndata: ").appendString(event.encode()).appendString("\n\n"));
  }
}
