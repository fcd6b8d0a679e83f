package io.liveroom.loadtest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.ConnectRequest;
import io.liveroom.realtime.protocol.ClientProtocol.PublishRequest;
import io.liveroom.realtime.protocol.ClientProtocol.RPCRequest;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeRequest;
import io.liveroom.realtime.ws.WsDrop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One load-test connection speaking the client protocol v2 exactly as an SDK does: JSON lines, or
 * varint-delimited Protobuf built from the same generated classes the server decodes with. Answers
 * server pings with pongs. Replies complete futures by command id; publications go to a listener
 * with the receive time taken as early as possible (before the payload is parsed further).
 */
public final class RtClient {
  /** A publication arrived on {@code channel}; {@code receivedNanos} is {@link System#nanoTime()} at frame arrival. */
  public interface Listener {
    void onPublication(String channel, JsonObject data, long receivedNanos);
  }

  /** As {@link Listener}, with the publication's {@code offset} (0 in channels without history). */
  public interface OffsetListener {
    void onPublication(String channel, JsonObject data, long offset, long receivedNanos);
  }

  /** The outcome of one command: its result object, or the protocol error. */
  public record Result(JsonObject result, int errorCode, String errorMessage) {
    public boolean ok() {
      return errorCode == 0;
    }

    Result orFail(String what) {
      if (!ok()) {
        throw new IllegalStateException(what + " refused: " + errorCode + " " + errorMessage);
      }
      return this;
    }
  }

  private static final byte[] PROTO_PONG = {0};
  private final WebSocket ws;
  private final boolean protobuf;
  private final Map<Integer, Promise<Result>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile OffsetListener listener = (c, d, o, t) -> { };
  private volatile int closeCode = -1;

  private RtClient(WebSocket ws, boolean protobuf) {
    this.ws = ws;
    this.protobuf = protobuf;
    ws.handler(this::onFrame);
    ws.closeHandler(v -> {
      Short status = ws.closeStatusCode();
      closeCode = status == null ? 1006 : status;
      pending.values().forEach(p -> p.tryFail("connection closed (" + closeCode + ")"));
    });
    ws.exceptionHandler(e -> { });
  }

  public static Future<RtClient> open(WebSocketClient client, String host, int port, boolean protobuf) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(host).setPort(port)
      .setURI("/connection/websocket").setAllowOriginHeader(false); // mobile SDKs send no Origin
    if (protobuf) {
      o.addSubProtocol("centrifuge-protobuf");
    }
    return client.connect(o).map(ws -> new RtClient(ws, protobuf));
  }

  public void listen(Listener l) {
    this.listener = (c, d, o, t) -> l.onPublication(c, d, t);
  }

  public void listenWithOffsets(OffsetListener l) {
    this.listener = l;
  }

  public boolean closed() {
    return closeCode >= 0;
  }

  public int closeCode() {
    return closeCode;
  }

  public Future<Result> connect(String token) {
    return send(Command.newBuilder().setConnect(ConnectRequest.newBuilder().setToken(token)),
      new JsonObject().put("connect", new JsonObject().put("token", token)));
  }

  public Future<Result> subscribe(String channel) {
    return send(Command.newBuilder().setSubscribe(SubscribeRequest.newBuilder().setChannel(channel)),
      new JsonObject().put("subscribe", new JsonObject().put("channel", channel)));
  }

  /**
   * Subscribes with recovery from ({@code epoch}, {@code offset}), as an SDK does after a reconnect.
   * The result carries {@code recovered}, {@code epoch}, {@code offset} and the missed
   * {@code publications} (each {@code data} and {@code offset}), in both formats.
   */
  public Future<Result> subscribeRecovering(String channel, String epoch, long offset) {
    return send(Command.newBuilder().setSubscribe(SubscribeRequest.newBuilder().setChannel(channel).setRecover(true)
        .setEpoch(epoch).setOffset(offset)),
      new JsonObject().put("subscribe", new JsonObject().put("channel", channel).put("recover", true)
        .put("epoch", epoch).put("offset", offset)));
  }

  public Future<Result> publish(String channel, JsonObject data) {
    return send(Command.newBuilder().setPublish(PublishRequest.newBuilder().setChannel(channel)
        .setData(ByteString.copyFrom(data.toBuffer().getBytes()))),
      new JsonObject().put("publish", new JsonObject().put("channel", channel).put("data", data)));
  }

  public Future<Result> rpc(String method, JsonObject data) {
    return send(Command.newBuilder().setRpc(RPCRequest.newBuilder().setMethod(method)
        .setData(ByteString.copyFrom(data.toBuffer().getBytes()))),
      new JsonObject().put("rpc", new JsonObject().put("method", method).put("data", data)));
  }

  public Future<Void> close() {
    return ws.close();
  }

  /** Drops the TCP connection with no WebSocket close frame, as a killed process or a lost network does. */
  public Future<Void> abort() {
    return WsDrop.withoutCloseFrame(ws);
  }

  private Future<Result> send(Command.Builder proto, JsonObject json) {
    int id = ids.incrementAndGet();
    Promise<Result> p = Promise.promise();
    pending.put(id, p);
    Future<Void> written = protobuf
      ? ws.writeBinaryMessage(Buffer.buffer(delimited(proto.setId(id).build())))
      : ws.writeTextMessage(json.put("id", id).encode());
    written.onFailure(e -> {
      pending.remove(id);
      p.tryFail(e);
    });
    return p.future();
  }

  private static byte[] delimited(Command c) {
    int size = c.getSerializedSize();
    byte[] out = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeUInt32NoTag(size);
      c.writeTo(cos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private void onFrame(Buffer frame) {
    long now = System.nanoTime();
    if (protobuf) {
      onProtobuf(frame.getBytes(), now);
    } else {
      onJson(frame.toString(), now);
    }
  }

  private void onJson(String text, long now) {
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end > start) {
        onJsonReply(new JsonObject(text.substring(start, end)), now);
      }
      start = end + 1;
    }
  }

  private void onJsonReply(JsonObject r, long now) {
    int id = r.getInteger("id", 0);
    if (id > 0) {
      Promise<Result> p = pending.remove(id);
      if (p != null) {
        JsonObject err = r.getJsonObject("error");
        p.tryComplete(err != null ? new Result(null, err.getInteger("code"), err.getString("message"))
          : new Result(firstObject(r), 0, null));
      }
    } else if (r.containsKey("push")) {
      JsonObject push = r.getJsonObject("push");
      JsonObject pub = push.getJsonObject("pub");
      if (pub != null) {
        listener.onPublication(push.getString("channel"), pub.getJsonObject("data"), pub.getLong("offset", 0L), now);
      }
    } else if (r.isEmpty()) {
      ws.writeTextMessage("{}");
    }
  }

  private static JsonObject firstObject(JsonObject r) {
    for (Map.Entry<String, Object> e : r) {
      if (e.getValue() instanceof JsonObject o) {
        return o;
      }
    }
    return new JsonObject();
  }

  private void onProtobuf(byte[] bytes, long now) {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      while (!in.isAtEnd()) {
        int len = in.readRawVarint32();
        if (len == 0) {
          ws.writeBinaryMessage(Buffer.buffer(PROTO_PONG));
          continue;
        }
        onProtoReply(Reply.parseFrom(in.readRawBytes(len)), now);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable Protobuf frame from the server", e);
    }
  }

  private void onProtoReply(Reply r, long now) {
    if (r.getId() > 0) {
      Promise<Result> p = pending.remove(r.getId());
      if (p != null) {
        p.tryComplete(r.hasError() ? new Result(null, r.getError().getCode(), r.getError().getMessage())
          : new Result(protoResult(r), 0, null));
      }
    } else if (r.hasPush() && r.getPush().hasPub()) {
      ByteString data = r.getPush().getPub().getData();
      listener.onPublication(r.getPush().getChannel(), new JsonObject(Buffer.buffer(data.toByteArray())),
        r.getPush().getPub().getOffset(), now);
    }
  }

  private static JsonObject protoResult(Reply r) {
    if (r.hasRpc()) {
      ByteString d = r.getRpc().getData();
      return new JsonObject().put("data", d.isEmpty() ? null : new JsonObject(Buffer.buffer(d.toByteArray())));
    }
    if (r.hasSubscribe()) {
      return ProtoResults.subscribe(r.getSubscribe());
    }
    if (r.hasConnect()) {
      return new JsonObject().put("client", r.getConnect().getClient());
    }
    return new JsonObject();
  }
}
