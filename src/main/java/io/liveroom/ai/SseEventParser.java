package io.liveroom.ai;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * Assembles server-sent events from lines (fed by a {@code RecordParser} split on LF): {@code data:}
 * lines are joined with LF and dispatched at the blank line that ends the event, as the SSE spec
 * says. Comments ({@code :}) and other fields ({@code event}, {@code id}, {@code retry}) are
 * ignored: OpenAI-compatible streams carry everything in {@code data}.
 */
final class SseEventParser implements Handler<Buffer> {
  private final Handler<String> onData;
  private StringBuilder data;

  SseEventParser(Handler<String> onData) {
    this.onData = onData;
  }

  @Override
  public void handle(Buffer lineBuffer) {
    String line = lineBuffer.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith("data:")) {
      String value = line.substring(5);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (data == null) {
        data = new StringBuilder(value);
      } else {
        data.append('\n').append(value);
      }
    }
  }

  /** Dispatches an event left without its closing blank line when the stream ends. */
  void flush() {
    dispatch();
  }

  private void dispatch() {
    if (data != null) {
      String event = data.toString();
      data = null;
      onData.handle(event);
    }
  }
}
