package io.liveroom.realtime.protocol;

/**
 * A frame the codec cannot read: malformed JSON or Protobuf, or a command of the wrong shape. The
 * session answers it with the {@code bad request} disconnect (3501); it is never a server fault, so
 * it carries no stack trace.
 */
public final class BadFrameException extends Exception {
  public BadFrameException(String message) {
    super(message, null, false, false);
  }
}
