package io.liveroom.realtime.protocol;

import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One wire format of the client protocol. A frame carries one or more commands (or replies):
 * newline-separated JSON objects, or varint-length-delimited Protobuf messages. Encoded replies are
 * immutable byte arrays, so one encoding of a publication is shared by every subscriber.
 */
public interface Codec {
  /** Reads every command of one incoming frame, in order. */
  List<Command> decode(byte[] frame) throws BadFrameException;

  /** Encodes one reply (or push) as a self-contained unit of a frame. */
  byte[] encode(Reply reply);

  /** Joins encoded replies into one frame without copying them. */
  ByteBuf frame(List<byte[]> replies);

  /** Whether frames go out as WebSocket text (JSON) or binary (Protobuf). */
  boolean text();

  /** The server's ping: an empty reply. */
  byte[] ping();

  String name();
}
