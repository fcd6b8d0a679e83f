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

@DisplayName("The JSON codec writes valid JSON strings whatever they hold, and exactly the fields that are set")
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

  @Test
  @DisplayName("Set fields only, in field-number order, at every depth: maps, repeated, oneof, proto3 defaults left out")
  void fieldsAsGetAllFieldsListsThem() throws Exception {
    Publication pub = Publication.newBuilder().setData(ByteString.copyFromUtf8("{\"n\":1}")).setOffset(9)
      .putTags("k", "v").setInfo(ClientInfo.newBuilder().setUser("7").setClient("c")).build();
    Reply connect = Reply.newBuilder().setId(3).setConnect(ClientProtocol.ConnectResult.newBuilder().setClient("c1")
      .setVersion("1").setPing(25).setPong(true)
      .putSubs("user:7", ClientProtocol.SubscribeResult.newBuilder().setRecoverable(true).setEpoch("e").setOffset(0)
        .addPublications(pub).addPublications(Publication.newBuilder().setData(ByteString.copyFromUtf8("[]")))
        .setPositioned(true).build()))
      .build();
    Reply push = Reply.newBuilder().setPush(Push.newBuilder().setChannel("room:1").setPub(pub)).build();
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    for (Reply r : new Reply[] {connect, push}) {
      com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(JsonCodec.INSTANCE.encode(r));
      assertSameFields(r, json);
    }
  }

  /** The JSON object has the message's set fields (getAllFields), in that order, recursively. */
  private static void assertSameFields(com.google.protobuf.Message m, com.fasterxml.jackson.databind.JsonNode json) {
    java.util.List<String> expected = m.getAllFields().keySet().stream()
      .map(com.google.protobuf.Descriptors.FieldDescriptor::getName).toList();
    java.util.List<String> actual = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(actual::add);
    assertThat(actual).as("fields of %s", m.getDescriptorForType().getName()).containsExactlyElementsOf(expected);
    m.getAllFields().forEach((f, v) -> {
      if (f.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE || f.isMapField()) {
        return;
      }
      if (f.isRepeated()) {
        java.util.List<?> items = (java.util.List<?>) v;
        for (int i = 0; i < items.size(); i++) {
          assertSameFields((com.google.protobuf.Message) items.get(i), json.get(f.getName()).get(i));
        }
      } else {
        assertSameFields((com.google.protobuf.Message) v, json.get(f.getName()));
      }
    });
  }

  @Test
  @DisplayName("A publication push takes a fast path that writes exactly what the generic writer writes")
  void publicationPushFastPath() {
    ClientInfo info = ClientInfo.newBuilder().setUser("7").setClient(AWKWARD)
      .setConnInfo(ByteString.copyFromUtf8("{\"a\":1}")).setChanInfo(ByteString.copyFromUtf8("[2]")).build();
    Publication[] pubs = {
      Publication.newBuilder().setData(ByteString.copyFromUtf8("{\"text\":\"hi\"}")).build(),
      Publication.newBuilder().build(),
      Publication.newBuilder().setData(ByteString.copyFromUtf8("1")).setInfo(info).setOffset(-1L).putTags("a", "b")
        .putTags("c\"", AWKWARD).setTime(-5).setChannel("room:9").build(),
      Publication.newBuilder().setInfo(ClientInfo.newBuilder().setClient("only")).setOffset(42).build(),
      Publication.newBuilder().setData(ByteString.copyFromUtf8("{\"text\":\"中文 \\\" 😀\"}")).setOffset(Long.MAX_VALUE)
        .setTime(Long.MIN_VALUE).setChannel(AWKWARD).build(),
    };
    for (Publication pub : pubs) {
      for (String channel : new String[] {"user:1", ""}) {
        Reply push = Reply.newBuilder().setPush(Push.newBuilder().setChannel(channel).setPub(pub)).build();
        StringBuilder generic = new StringBuilder();
        JsonCodec.write(push, generic);
        assertThat(new String(JsonCodec.INSTANCE.encode(push), StandardCharsets.UTF_8)).isEqualTo(generic.toString());
      }
    }
    // Anything more than a publication push goes the generic way, and is still right.
    Reply withId = Reply.newBuilder().setId(3).setPush(Push.newBuilder().setChannel("c").setPub(pubs[0])).build();
    StringBuilder generic = new StringBuilder();
    JsonCodec.write(withId, generic);
    assertThat(new String(JsonCodec.INSTANCE.encode(withId), StandardCharsets.UTF_8)).isEqualTo(generic.toString());
  }
}
