package io.liveroom.realtime.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Collection;

/**
 * Server-to-client WebSocket data frames (RFC 6455 section 5.2), built as one direct buffer that
 * holds the frame header and the payload. Server frames are never masked, so the same framed bytes
 * are valid on every connection: a publication is framed once per event loop and written to every
 * subscriber as a shared duplicate, with no per-connection encoding and no copy to a direct buffer
 * at write time.
 */
public final class WsFrames {
  private static final int FIN = 0x80;
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;

  private WsFrames() {
  }

  /** One frame whose payload is {@code payload}. */
  public static ByteBuf frame(ByteBufAllocator alloc, boolean text, byte[] payload) {
    ByteBuf out = alloc.directBuffer(headerLength(payload.length) + payload.length);
    writeHeader(out, text, payload.length);
    return out.writeBytes(payload);
  }

  /** One frame whose payload is {@code parts} joined by {@code separator}. */
  public static ByteBuf frame(ByteBufAllocator alloc, boolean text, Collection<byte[]> parts, byte[] separator) {
    long length = (long) separator.length * Math.max(0, parts.size() - 1);
    for (byte[] part : parts) {
      length += part.length;
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("frame too large: " + length + " bytes");
    }
    int payload = (int) length;
    ByteBuf out = alloc.directBuffer(headerLength(payload) + payload);
    writeHeader(out, text, payload);
    boolean first = true;
    for (byte[] part : parts) {
      if (!first) {
        out.writeBytes(separator);
      }
      out.writeBytes(part);
      first = false;
    }
    return out;
  }

  static int headerLength(int payloadLength) {
    return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
  }

  private static void writeHeader(ByteBuf out, boolean text, int payloadLength) {
    out.writeByte(FIN | (text ? OPCODE_TEXT : OPCODE_BINARY));
    if (payloadLength < 126) {
      out.writeByte(payloadLength);
    } else if (payloadLength <= 0xFFFF) {
      out.writeByte(126);
      out.writeShort(payloadLength);
    } else {
      out.writeByte(127);
      out.writeLong(payloadLength);
    }
  }
}
