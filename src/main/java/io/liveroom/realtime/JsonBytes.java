package io.liveroom.realtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

/**
 * A JSON object's bytes as a publication's {@code data}. Written by Jackson's streaming generator
 * (Vert.x's {@link JacksonCodec}) instead of {@link JsonObject#toBuffer()}, which goes through
 * databind and sets up a serializer provider per call: a sixth of the allocation of an AI token.
 * A value only databind can write (a POJO put into the object) falls back to it. The bytes are
 * wrapped, not copied again: nothing else holds the array.
 */
final class JsonBytes {
  private static final JacksonCodec STREAMING = new JacksonCodec();

  private JsonBytes() {
  }

  static ByteString of(JsonObject json) {
    Buffer encoded;
    try {
      encoded = STREAMING.toBuffer(json, false);
    } catch (EncodeException e) {
      encoded = json.toBuffer();
    }
    return UnsafeByteOperations.unsafeWrap(encoded.getBytes());
  }
}
