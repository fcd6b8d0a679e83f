package io.liveroom.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Publication data is the same JSON as JsonObject.toBuffer() writes, by the cheaper streaming writer")
class JsonBytesTest {
  /** What only databind can write: a bean. */
  public static final class Bean {
    public String getName() {
      return "bean";
    }
  }

  @Test
  @DisplayName("Same bytes for every JSON type, and a value only databind can write still works")
  void sameBytes() {
    JsonObject json = new JsonObject().put("s", "quote \" 中文 \u0001").put("i", 7).put("l", Long.MAX_VALUE)
      .put("d", 1.5).put("b", true).putNull("n").put("at", Instant.parse("2026-11-23T00:00:00Z"))
      .put("bytes", new byte[] {1, 2, 3}).put("o", new JsonObject().put("a", new JsonArray().add(1).add("x")));
    assertThat(JsonBytes.of(json).toByteArray()).isEqualTo(json.toBuffer().getBytes());

    // The buffer is the thread's and reused: what was handed out before stays as it was.
    byte[] first = JsonBytes.of(new JsonObject().put("first", 1)).toByteArray();
    JsonObject big = new JsonObject().put("big", "x".repeat(100_000));
    assertThat(JsonBytes.of(big).toByteArray()).isEqualTo(big.toBuffer().getBytes());
    assertThat(JsonBytes.of(new JsonObject().put("second", 2)).toStringUtf8()).isEqualTo("{\"second\":2}");
    assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"first\":1}");

    JsonObject withBean = new JsonObject().put("bean", new Bean());
    assertThat(JsonBytes.of(withBean).toStringUtf8()).isEqualTo("{\"bean\":{\"name\":\"bean\"}}");
  }
}
