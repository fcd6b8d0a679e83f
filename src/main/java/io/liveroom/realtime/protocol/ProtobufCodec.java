package io.liveroom.realtime.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The {@code centrifuge-protobuf} subprotocol: varint-length-delimited messages, binary frames. */
public final class ProtobufCodec implements Codec {
  private static final byte[] NO_SEPARATOR = {};
  public static final String SUBPROTOCOL = "centrifuge-protobuf";
  public static final ProtobufCodec INSTANCE = new ProtobufCodec();
  private static final byte[] PING = INSTANCE.encode(Reply.getDefaultInstance());

  private ProtobufCodec() {
  }

  @Override
  public List<Command> decode(byte[] frame) throws BadFrameException {
    List<Command> commands = new ArrayList<>(1);
    CodedInputStream in = CodedInputStream.newInstance(frame);
    try {
      while (!in.isAtEnd()) {
        int length = in.readRawVarint32();
        if (length < 0 || length > frame.length) {
          throw new BadFrameException("bad length prefix");
        }
        int limit = in.pushLimit(length);
        commands.add(Command.parseFrom(in));
        in.checkLastTagWas(0);
        in.popLimit(limit);
      }
    } catch (IOException e) {
      throw new BadFrameException("malformed protobuf: " + e.getMessage());
    }
    return commands;
  }

  @Override
  public byte[] encode(Reply reply) {
    int size = reply.getSerializedSize();
    byte[] out = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeUInt32NoTag(size);
      reply.writeTo(cos);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("protobuf encoding into an exact-size array failed", e);
    }
    return out;
  }

  @Override
  public byte[] separator() {
    return NO_SEPARATOR;
  }

  @Override
  public boolean text() {
    return false;
  }

  @Override
  public byte[] ping() {
    return PING;
  }

  @Override
  public String name() {
    return "protobuf";
  }
}
