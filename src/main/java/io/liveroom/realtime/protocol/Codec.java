package io.liveroom.realtime.protocol;

import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;

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

  /** What goes between two encoded replies in one frame (JSON: a newline; Protobuf: nothing). Shared: never modify it. */
  byte[] separator();

  /** Whether frames go out as WebSocket text (JSON) or binary (Protobuf). */
  boolean text();

  /** The server's ping: an empty reply. */
  byte[] ping();

  String name();
}
