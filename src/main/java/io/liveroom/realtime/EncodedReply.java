package io.liveroom.realtime;

import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.protocol.JsonCodec;

/**
 * A push shared by many connections, encoded at most once per wire format and then written as the
 * same byte array to every subscriber. Event loops may race to encode; both results are equal and
 * either may win, so no lock is needed.
 */
final class EncodedReply {
  final Reply reply;
  private volatile byte[] json;
  private volatile byte[] protobuf;

  EncodedReply(Reply reply) {
    this.reply = reply;
  }

  byte[] bytes(Codec codec) {
    if (codec == JsonCodec.INSTANCE) {
      byte[] b = json;
      if (b == null) {
        b = codec.encode(reply);
        json = b;
      }
      return b;
    }
    byte[] b = protobuf;
    if (b == null) {
      b = codec.encode(reply);
      protobuf = b;
    }
    return b;
  }
}
