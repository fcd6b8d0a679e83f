package io.liveroom.realtime.protocol;

import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Error;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The JSON codec writes valid JSON strings whatever they hold")
class JsonCodecTest {
  private static final String AWKWARD = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 "
    + "slash / 中文 emoji \uD83D\uDE00 line separator \u2028";

  @Test
  @DisplayName("An error message and client info with quotes, escapes, control characters and non-ASCII survive a round trip")
  void escaping() {
    Reply error = Reply.newBuilder().setId(7).setError(Error.newBuilder().setCode(107).setMessage(AWKWARD)).build();
    JsonObject e = new JsonObject(new String(JsonCodec.INSTANCE.encode(error), StandardCharsets.UTF_8));
    assertThat(e.getJsonObject("error").getString("message")).isEqualTo(AWKWARD);
    assertThat(e.getInteger("id")).isEqualTo(7);

    Reply push = Reply.newBuilder().setPush(Push.newBuilder().setChannel("room:\"1\"")
      .setPub(Publication.newBuilder().setData(ByteString.copyFromUtf8("{\"text\":\"hi\"}")).setOffset(3)
        .setInfo(ClientInfo.newBuilder().setUser("42").setClient(AWKWARD)))).build();
    JsonObject p = new JsonObject(new String(JsonCodec.INSTANCE.encode(push), StandardCharsets.UTF_8)).getJsonObject("push");
    assertThat(p.getString("channel")).isEqualTo("room:\"1\"");
    assertThat(p.getJsonObject("pub").getJsonObject("data").getString("text")).isEqualTo("hi");
    assertThat(p.getJsonObject("pub").getJsonObject("info").getString("client")).isEqualTo(AWKWARD);
    assertThat(p.getJsonObject("pub").getLong("offset")).isEqualTo(3L);
  }
}
