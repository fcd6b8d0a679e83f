package io.liveroom.realtime.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The reusable byte sink writes numbers and JSON strings as the JDK and Jackson do")
class ByteSinkTest {
  private static final ThreadLocal<ByteSink> HOLDER = new ThreadLocal<>();

  private static String text(ByteSink sink) {
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("Numbers: zero, signs, every digit count and both extremes")
  void numbers() {
    long[] values = {0, 1, -1, 9, 10, 99, 100, 123_456_789, -987_654_321_012L, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long v : values) {
      assertThat(text(ByteSink.local(HOLDER).number(v))).isEqualTo(Long.toString(v));
    }
  }

  @Test
  @DisplayName("Strings: plain ASCII as is; quotes, backslashes, controls and non-ASCII escaped like Jackson")
  void strings() {
    String[] values = {"", "user:42", "a\"b", "back\\slash", "tab\there", "\u0001", "é中文😀", "~\u007f"};
    for (String s : values) {
      String expected = "\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(s), StandardCharsets.UTF_8) + "\"";
      assertThat(text(ByteSink.local(HOLDER).quoted(s))).as(s).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("A sink taken again starts empty, grows past its first size, and copies out only what was written")
  void reuse() {
    ByteSink sink = ByteSink.local(HOLDER).ascii("{\"a\":").put(ByteString.copyFromUtf8("[1,2]")).put('}');
    byte[] first = sink.toByteArray();
    ByteSink again = ByteSink.local(HOLDER);
    assertThat(again.size()).isZero();
    String big = "y".repeat(10_000);
    again.ascii(big);
    assertThat(text(again)).isEqualTo(big);
    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2]}");
  }
}
