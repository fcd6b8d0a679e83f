package io.liveroom.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.liveroom.realtime.protocol.ByteSink;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;

/**
 * A JSON object's bytes as a publication's {@code data}. Written by Jackson's streaming generator
 * (with Vert.x's own value mapping, {@link JacksonCodec#encodeJson}) into a buffer the thread
 * reuses, and copied out once at the exact size: {@link JsonObject#toBuffer()} goes through databind
 * and sets up a serializer provider per call, and Vert.x's streaming {@code toBuffer} copies the
 * bytes twice more. That was a sixth, then a fifth, of the allocation of an AI token. A value only
 * databind can write (a POJO put into the object) falls back to it. The bytes are wrapped, not
 * copied again: nothing else holds the array.
 */
final class JsonBytes {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ThreadLocal<ByteSink> SINK = new ThreadLocal<>();

  private JsonBytes() {
  }

  static ByteString of(JsonObject json) {
    ByteSink sink = ByteSink.local(SINK);
    try (JsonGenerator generator = FACTORY.createGenerator(sink)) {
      JacksonCodec.encodeJson(json, generator);
    } catch (EncodeException | IOException e) {
      return UnsafeByteOperations.unsafeWrap(json.toBuffer().getBytes());
    }
    return UnsafeByteOperations.unsafeWrap(sink.toByteArray());
  }
}
