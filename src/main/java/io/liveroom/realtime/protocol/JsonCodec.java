package io.liveroom.realtime.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default JSON format: one JSON object per line, several lines per frame. Field names are the
 * schema's snake_case names; {@code bytes} fields ({@code data}, {@code conn_info}...) travel as
 * embedded raw JSON, not base64. Unknown fields are ignored so newer SDKs keep working.
 *
 * <p>Mapping is driven by the Protobuf descriptors, so both formats stay in step with one schema.
 */
public final class JsonCodec implements Codec {
  public static final JsonCodec INSTANCE = new JsonCodec();
  private static final byte[] PING = "{}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEWLINE = {'\n'};
  private static final Map<Descriptor, FieldDescriptor[]> FIELDS = new ConcurrentHashMap<>();
  private static final ThreadLocal<ByteSink> PUSH_SINK = new ThreadLocal<>();

  private JsonCodec() {
  }

  @Override
  public List<Command> decode(byte[] frame) throws BadFrameException {
    String text = new String(frame, StandardCharsets.UTF_8);
    List<Command> commands = new ArrayList<>(1);
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end).trim();
      if (!line.isEmpty()) {
        commands.add(parseCommand(line));
      }
      start = end + 1;
    }
    if (commands.isEmpty()) {
      throw new BadFrameException("empty frame");
    }
    return commands;
  }

  private static Command parseCommand(String line) throws BadFrameException {
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      throw new BadFrameException("malformed JSON");
    }
    Command.Builder b = Command.newBuilder();
    try {
      merge(json, b);
    } catch (RuntimeException e) {
      throw new BadFrameException("command does not match the schema: " + e.getMessage());
    }
    return b.build();
  }

  private static void merge(JsonObject json, Message.Builder b) {
    for (Map.Entry<String, Object> e : json) {
      FieldDescriptor f = b.getDescriptorForType().findFieldByName(e.getKey());
      if (f == null || e.getValue() == null) {
        continue;
      }
      if (f.isMapField()) {
        mergeMap(f, (JsonObject) e.getValue(), b);
      } else if (f.isRepeated()) {
        for (Object item : (JsonArray) e.getValue()) {
          b.addRepeatedField(f, value(f, item, b));
        }
      } else {
        b.setField(f, value(f, e.getValue(), b));
      }
    }
  }

  private static void mergeMap(FieldDescriptor f, JsonObject json, Message.Builder b) {
    FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
    FieldDescriptor val = f.getMessageType().findFieldByNumber(2);
    for (Map.Entry<String, Object> e : json) {
      Message.Builder entry = b.newBuilderForField(f);
      entry.setField(key, e.getKey());
      entry.setField(val, value(val, e.getValue(), entry));
      b.addRepeatedField(f, entry.build());
    }
  }

  private static Object value(FieldDescriptor f, Object v, Message.Builder parent) {
    return switch (f.getJavaType()) {
      case MESSAGE -> {
        Message.Builder child = parent.newBuilderForField(f);
        merge((JsonObject) v, child);
        yield child.build();
      }
      case BYTE_STRING -> ByteString.copyFrom(Json.encodeToBuffer(v).getBytes());
      case STRING -> (String) v;
      case BOOLEAN -> (Boolean) v;
      case INT -> wholeNumber(v).intValue();
      case LONG -> wholeNumber(v).longValue();
      case ENUM -> f.getEnumType().findValueByNumber(wholeNumber(v).intValue());
      default -> throw new IllegalArgumentException("unsupported field " + f.getName());
    };
  }

  private static Number wholeNumber(Object v) {
    Number n = (Number) v;
    if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0 && n instanceof Double) {
      throw new IllegalArgumentException("not a whole number");
    }
    return n;
  }

  @Override
  public byte[] encode(Reply reply) {
    if (isPublicationPush(reply)) {
      ByteSink sink = ByteSink.local(PUSH_SINK);
      writePublicationPush(reply.getPush(), sink);
      return sink.toByteArray();
    }
    StringBuilder sb = new StringBuilder(256);
    write(reply, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A reply that is only a push of a publication: the one written per delivery on a channel with one subscriber. */
  private static boolean isPublicationPush(Reply r) {
    if (!r.hasPush() || r.getId() != 0 || r.hasError() || r.hasConnect() || r.hasSubscribe() || r.hasUnsubscribe()
      || r.hasPublish() || r.hasPresence() || r.hasPresenceStats() || r.hasHistory() || r.hasPing() || r.hasRpc()
      || r.hasRefresh() || r.hasSubRefresh()) {
      return false;
    }
    Push p = r.getPush();
    return p.hasPub() && p.getId() == 0 && !p.hasJoin() && !p.hasLeave() && !p.hasUnsubscribe() && !p.hasMessage()
      && !p.hasSubscribe() && !p.hasConnect() && !p.hasDisconnect() && !p.hasRefresh();
  }

  /**
   * What {@link #write} gives for a publication push (the same fields, in field-number order),
   * through the generated getters instead of reflection, straight into UTF-8 bytes with the raw
   * {@code data} copied as is: it is the hot path of AI tokens and personal pushes, and
   * {@code JsonCodecTest} holds the two writers to the same output.
   */
  private static void writePublicationPush(Push push, ByteSink out) {
    out.ascii("{\"push\":{");
    if (!push.getChannel().isEmpty()) {
      out.ascii("\"channel\":").quoted(push.getChannel()).put(',');
    }
    out.ascii("\"pub\":{");
    Publication pub = push.getPub();
    int mark = out.size();
    rawField(out, mark, "data", pub.getData());
    if (pub.hasInfo()) {
      name(out, mark, "info");
      writeInfo(pub.getInfo(), out);
    }
    if (pub.getOffset() != 0) {
      name(out, mark, "offset");
      if (pub.getOffset() > 0) {
        out.number(pub.getOffset());
      } else {
        out.ascii(Long.toUnsignedString(pub.getOffset()));
      }
    }
    if (pub.getTagsCount() > 0) {
      name(out, mark, "tags").put('{');
      boolean first = true;
      for (Map.Entry<String, String> t : pub.getTagsMap().entrySet()) {
        if (!first) {
          out.put(',');
        }
        first = false;
        out.quoted(t.getKey()).put(':').quoted(t.getValue());
      }
      out.put('}');
    }
    if (pub.getTime() != 0) {
      name(out, mark, "time").number(pub.getTime());
    }
    if (!pub.getChannel().isEmpty()) {
      name(out, mark, "channel").quoted(pub.getChannel());
    }
    out.ascii("}}}");
  }

  private static void writeInfo(ClientInfo info, ByteSink out) {
    out.put('{');
    int mark = out.size();
    if (!info.getUser().isEmpty()) {
      name(out, mark, "user").quoted(info.getUser());
    }
    if (!info.getClient().isEmpty()) {
      name(out, mark, "client").quoted(info.getClient());
    }
    rawField(out, mark, "conn_info", info.getConnInfo());
    rawField(out, mark, "chan_info", info.getChanInfo());
    out.put('}');
  }

  /** Writes {@code "name":}, after a comma unless it is the first field since {@code mark}. */
  private static ByteSink name(ByteSink out, int mark, String name) {
    if (out.size() > mark) {
      out.put(',');
    }
    return out.put('"').ascii(name).ascii("\":");
  }

  /** A {@code bytes} field as embedded raw JSON, left out when empty (as proto3 leaves it unset). */
  private static void rawField(ByteSink out, int mark, String name, ByteString bytes) {
    if (!bytes.isEmpty()) {
      name(out, mark, name).put(bytes);
    }
  }

  /**
   * The fields of a message type in field-number order, as {@code getAllFields()} lists them.
   * Iterating them directly skips the sorted map that call builds for every message, which was
   * most of the allocation of a push on a channel with one subscriber (an AI token).
   */
  private static FieldDescriptor[] fields(Descriptor type) {
    return FIELDS.computeIfAbsent(type, t -> t.getFields().stream()
      .sorted(Comparator.comparingInt(FieldDescriptor::getNumber)).toArray(FieldDescriptor[]::new));
  }

  /** Any message, by reflection over its descriptor. */
  static void write(Message m, StringBuilder sb) {
    sb.append('{');
    boolean first = true;
    for (FieldDescriptor f : fields(m.getDescriptorForType())) {
      if (f.isRepeated() ? m.getRepeatedFieldCount(f) == 0 : !m.hasField(f)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      Object value = m.getField(f);
      sb.append('"').append(f.getName()).append("\":");
      if (f.isMapField()) {
        writeMap(f, (List<?>) value, sb);
      } else if (f.isRepeated()) {
        sb.append('[');
        List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          writeValue(f, items.get(i), sb);
        }
        sb.append(']');
      } else {
        writeValue(f, value, sb);
      }
    }
    sb.append('}');
  }

  private static void writeMap(FieldDescriptor f, List<?> entries, StringBuilder sb) {
    FieldDescriptor val = f.getMessageType().findFieldByNumber(2);
    sb.append('{');
    for (int i = 0; i < entries.size(); i++) {
      Message entry = (Message) entries.get(i);
      if (i > 0) {
        sb.append(',');
      }
      quote(String.valueOf(entry.getField(f.getMessageType().findFieldByNumber(1))), sb);
      sb.append(':');
      writeValue(val, entry.getField(val), sb);
    }
    sb.append('}');
  }

  private static void writeValue(FieldDescriptor f, Object v, StringBuilder sb) {
    switch (f.getJavaType()) {
      case MESSAGE -> write((Message) v, sb);
      case BYTE_STRING -> {
        ByteString bytes = (ByteString) v;
        sb.append(bytes.isEmpty() ? "null" : bytes.toStringUtf8());
      }
      case STRING -> quote((String) v, sb);
      case LONG -> sb.append(f.getType() == FieldDescriptor.Type.UINT64 ? Long.toUnsignedString((Long) v) : v);
      case INT -> sb.append(f.getType() == FieldDescriptor.Type.UINT32 ? Integer.toUnsignedString((Integer) v) : v);
      case ENUM -> sb.append(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getNumber());
      default -> sb.append(v);
    }
  }

  /**
   * A JSON string literal. Jackson's low-level escaper, not {@code Json.encode}: that one runs the
   * whole databind serializer per string, and every reply and push has several (channel, client id).
   */
  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }

  @Override
  public byte[] separator() {
    return NEWLINE;
  }

  @Override
  public boolean text() {
    return true;
  }

  @Override
  public byte[] ping() {
    return PING;
  }

  @Override
  public String name() {
    return "json";
  }
}
