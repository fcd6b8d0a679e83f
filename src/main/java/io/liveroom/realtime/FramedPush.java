package io.liveroom.realtime;

import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.protocol.JsonCodec;
import io.liveroom.realtime.ws.WsFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * One publication as a complete WebSocket frame, built at most once per wire format while a hub
 * delivers it, and shared by every subscriber on that loop that has nothing else queued: each
 * takes a retained duplicate, so the bytes are written to the sockets as they are, with no
 * per-connection framing or copy. Lives on one event loop; {@link #release} after the delivery
 * loop drops the hub's reference (the duplicates keep the buffer until they are written).
 */
final class FramedPush {
  private final EncodedReply push;
  private ByteBuf json;
  private ByteBuf protobuf;

  FramedPush(EncodedReply push) {
    this.push = push;
  }

  ByteBuf frame(Codec codec) {
    if (codec == JsonCodec.INSTANCE) {
      if (json == null) {
        json = WsFrames.frame(PooledByteBufAllocator.DEFAULT, true, push.bytes(codec));
      }
      return json;
    }
    if (protobuf == null) {
      protobuf = WsFrames.frame(PooledByteBufAllocator.DEFAULT, false, push.bytes(codec));
    }
    return protobuf;
  }

  void release() {
    if (json != null) {
      json.release();
      json = null;
    }
    if (protobuf != null) {
      protobuf.release();
      protobuf = null;
    }
  }
}
