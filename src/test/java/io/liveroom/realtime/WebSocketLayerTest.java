package io.liveroom.realtime;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.ConnectRequest;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeRequest;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket layer under the protocol (our own handler on Netty's RFC 6455 codec): the
 * handshake and its refusals, control frames, fragmentation, framing violations, and publications
 * framed once and shared by JSON and Protobuf subscribers.
 */
@DisplayName("WebSocket layer: handshake, control frames, fragments, violations and shared frames")
class WebSocketLayerTest {
  private static final int MAX_FRAME = 4096;
  private static final String ALLOWED_ORIGIN = "https://app.example.com";
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("realtime").put("maxFrameBytes", MAX_FRAME)
      .put("allowedOrigins", new io.vertx.core.json.JsonArray().add(ALLOWED_ORIGIN)))
    .onStart(TestChannels::register)
    .build();

  private static String token(long userId) {
    return node.get().accessTokens().issue(userId, Role.USER, "s-" + userId);
  }

  @Test
  @DisplayName("a command split over continuation frames is reassembled; a message over the limit closes with 1009")
  void fragments() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(1));
      int id = ws.nextId();
      String cmd = new JsonObject().put("id", id).put("ping", new JsonObject()).encode();
      ws.sendFragmented(cmd.substring(0, 3), cmd.substring(3, 9), cmd.substring(9));
      assertThat(ws.awaitReply(id).containsKey("ping")).isTrue();
      // Every frame is under the limit, the message is not, and only its last fragment passes it
      // (the server closes at once, and the client could not send a fragment after that).
      String part = "x".repeat(MAX_FRAME / 2 - 100);
      ws.sendFragmented("{\"id\":99,\"ping\":{},\"pad\":\"" + part, part, "x".repeat(300) + "\"}");
      assertThat(ws.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  @DisplayName("a WebSocket ping is answered by a pong with the same payload")
  void pingPong() {
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(2));
      assertThat(new String(ws.ping("are you there".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("are you there");
    }
  }

  @Test
  @DisplayName("a client's close frame is answered with its code and the session is released")
  void clientClose() throws Exception {
    awaitConnections(0); // sockets of earlier tests may still be closing
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(token(3));
      assertThat(node.get().realtimeServer().connectionCount()).isEqualTo(1);
      ws.sendClose(4000);
      assertThat(ws.awaitClose()).isEqualTo(4000);
    }
    awaitConnections(0);
    assertThat(node.get().realtimeServer().connectionCount()).isZero();
  }

  private static void awaitConnections(long count) throws InterruptedException {
    Await.within(5_000, 20, () -> node.get().realtimeServer().connectionCount() == count);
  }

  @Test
  @DisplayName("a client that stops reading under the queue bound gets every publication intact and in order once it reads")
  void backlogDrainsInOrder() {
    // 8 MB backs up past the kernel's socket buffers: sends go partly straight to the socket,
    // then through Netty's buffer, then the connection's queue, and must come out as one ordered
    // stream of whole frames.
    Node roomy = TestNodes.start(json -> json.getJsonObject("realtime").put("maxQueueBytes", 32 * 1024 * 1024));
    TestChannels.register(roomy);
    String ch = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    String payload = "y".repeat(8000);
    int count = 1000;
    try (TestSocket ws = TestSocket.open(roomy.httpPort())) {
      ws.connect(roomy.accessTokens().issue(12, Role.USER, "s-12"));
      ws.request("subscribe", new JsonObject().put("channel", ch));
      ws.stopReading();
      for (int i = 0; i < count; i++) {
        roomy.realtime().publish(ch, new JsonObject().put("n", i).put("p", payload))
          .toCompletionStage().toCompletableFuture().join();
      }
      assertThat(roomy.realtimeServer().connectionCount()).as("still connected while backed up").isEqualTo(1);
      ws.resumeReading();
      for (int i = 0; i < count; i++) {
        JsonObject data = ws.awaitPush(p -> p.containsKey("pub")).getJsonObject("pub").getJsonObject("data");
        assertThat(data.getInteger("n")).isEqualTo(i);
        assertThat(data.getString("p")).isEqualTo(payload);
      }
    } finally {
      TestNodes.stop(roomy);
    }
  }

  @Test
  @DisplayName("an Origin on the allow-list upgrades; a lookalike gets 403 origin_not_allowed before any upgrade")
  void allowedOrigin() throws IOException {
    try (TestSocket ws = TestSocket.open(node.httpPort(), java.util.Map.of("Origin", ALLOWED_ORIGIN))) {
      assertThat(ws.connect(token(4)).getString("client")).isNotBlank();
    }
    String refused = RawSocket.exchange(node.httpPort(),
      RawSocket.upgradeRequest("13", "Origin: https://app.example.com.evil.test\r\nConnection: Upgrade"));
    assertThat(refused).startsWith("HTTP/1.1 403").contains("\"code\":\"origin_not_allowed\"");
  }

  @Test
  @DisplayName("a plain GET is 400 bad_request; an unsupported WebSocket version is 400 naming version 13")
  void refusedHandshakes() throws IOException {
    String plain = RawSocket.exchange(node.httpPort(), "GET /connection/websocket HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(plain).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"");
    String hybi8 = RawSocket.exchange(node.httpPort(), RawSocket.upgradeRequest("8", "Connection: Upgrade"));
    assertThat(hybi8).startsWith("HTTP/1.1 400").containsIgnoringCase("sec-websocket-version: 13");
  }

  @Test
  @DisplayName("an unmasked client frame breaks RFC 6455 and closes the socket with 3501")
  void unmaskedFrame() throws IOException {
    try (RawSocket raw = RawSocket.upgrade(node.httpPort())) {
      byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
      raw.out.write(new byte[] {(byte) 0x81, (byte) payload.length});
      raw.out.write(payload);
      raw.out.flush();
      assertThat(raw.readCloseCode()).isEqualTo(3501);
    }
  }

  @Test
  @DisplayName("a permessage-deflate offer (browsers and Node's ws make one) is declined in the 101, and the socket works")
  void compressionOfferDeclined() throws IOException {
    try (RawSocket raw = new RawSocket(node.httpPort())) {
      raw.out.write(RawSocket.upgradeRequest("13",
          "Connection: Upgrade\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")
        .getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      String head = raw.readHead();
      assertThat(head).startsWith("HTTP/1.1 101");
      // Accepting it would make the client compress its frames, which the endpoint refuses.
      assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("sec-websocket-extensions");
      raw.out.write(RawSocket.maskedText(new JsonObject().put("id", 1)
        .put("connect", new JsonObject().put("token", token(6))).encode()));
      raw.out.flush();
      assertThat(new JsonObject(raw.readText()).getJsonObject("connect").getString("client")).isNotBlank();
    }
  }

  @Test
  @DisplayName("a command sent in the same packet as the upgrade request (before the 101) is not lost")
  void frameBeforeHandshakeResponse() throws IOException {
    try (RawSocket raw = new RawSocket(node.httpPort())) {
      ByteArrayOutputStream packet = new ByteArrayOutputStream();
      packet.writeBytes(RawSocket.upgradeRequest("13", "Connection: Upgrade").getBytes(StandardCharsets.US_ASCII));
      packet.writeBytes(RawSocket.maskedText(new JsonObject().put("id", 1)
        .put("connect", new JsonObject().put("token", token(5))).encode()));
      raw.out.write(packet.toByteArray());
      raw.out.flush();
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
      JsonObject reply = new JsonObject(raw.readText());
      assertThat(reply.getInteger("id")).isEqualTo(1);
      assertThat(reply.getJsonObject("connect").getString("client")).isNotBlank();
    }
  }

  @Test
  @DisplayName("one publication reaches JSON and Protobuf subscribers intact, alone or batched with others")
  void sharedFramesAcrossFormats() throws IOException {
    String ch = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    try (TestSocket json1 = TestSocket.open(node.httpPort()); TestSocket json2 = TestSocket.open(node.httpPort());
         TestSocket proto = TestSocket.openProtobuf(node.httpPort())) {
      for (TestSocket ws : List.of(json1, json2)) {
        ws.connect(token(10 + ws.hashCode() % 1000));
        ws.request("subscribe", new JsonObject().put("channel", ch));
      }
      proto.sendBinary(delimited(Command.newBuilder().setId(1).setConnect(ConnectRequest.newBuilder()
        .setToken(token(20))).build(), Command.newBuilder().setId(2).setSubscribe(SubscribeRequest.newBuilder()
        .setChannel(ch)).build()));
      List<Reply> protoReplies = new ArrayList<>();
      while (protoReplies.stream().noneMatch(r -> r.getId() == 2)) {
        protoReplies.addAll(replies(proto.nextBinary()));
      }
      // One alone, then a burst that may share frames.
      node.get().realtime().publish(ch, new JsonObject().put("n", 0)).toCompletionStage().toCompletableFuture().join();
      for (int n = 1; n <= 20; n++) {
        node.get().realtime().publish(ch, new JsonObject().put("n", n));
      }
      for (TestSocket ws : List.of(json1, json2)) {
        for (int n = 0; n <= 20; n++) {
          int expected = n;
          JsonObject pub = ws.awaitPush(p -> p.containsKey("pub")
            && p.getJsonObject("pub").getJsonObject("data").getInteger("n") == expected);
          assertThat(pub.getString("channel")).isEqualTo(ch);
        }
      }
      List<Integer> seen = new ArrayList<>();
      while (seen.size() < 21) {
        for (Reply r : replies(proto.nextBinary())) {
          if (r.hasPush() && r.getPush().hasPub() && ch.equals(r.getPush().getChannel())) {
            seen.add(new JsonObject(r.getPush().getPub().getData().toStringUtf8()).getInteger("n"));
          }
        }
      }
      assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList());
    }
  }

  @Test
  @DisplayName("with realtime.writeDelayMillis, pushes arriving within the delay go out as one frame")
  void writeDelayCoalesces() throws IOException {
    Node delayed = TestNodes.start(json -> json.getJsonObject("realtime").put("writeDelayMillis", 300));
    TestChannels.register(delayed);
    String ch = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    try (TestSocket proto = TestSocket.openProtobuf(delayed.httpPort())) {
      proto.sendBinary(delimited(Command.newBuilder().setId(1).setConnect(ConnectRequest.newBuilder()
        .setToken(delayed.accessTokens().issue(30, Role.USER, "s-30"))).build(), Command.newBuilder().setId(2)
        .setSubscribe(SubscribeRequest.newBuilder().setChannel(ch)).build()));
      List<Reply> setup = new ArrayList<>();
      while (setup.stream().noneMatch(r -> r.getId() == 2)) {
        setup.addAll(replies(proto.nextBinary()));
      }
      for (int n = 0; n < 5; n++) {
        delayed.realtime().publish(ch, new JsonObject().put("n", n));
      }
      List<Reply> frame = replies(proto.nextBinary());
      assertThat(frame).hasSize(5).allMatch(r -> r.hasPush() && r.getPush().hasPub());
    } finally {
      TestNodes.stop(delayed);
    }
  }

  private static byte[] delimited(Command... commands) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Command c : commands) {
      c.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  private static List<Reply> replies(byte[] frame) throws IOException {
    List<Reply> out = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(frame);
    Reply r;
    while ((r = Reply.parseDelimitedFrom(in)) != null) {
      out.add(r);
    }
    return out;
  }

  /** A bare TCP client: exact bytes on the wire, for what WebSocket client libraries refuse to send. */
  private static final class RawSocket implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawSocket(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    /** Sends a request and returns the response: its head and a body of Content-Length bytes. */
    static String exchange(int port, String request) throws IOException {
      try (RawSocket raw = new RawSocket(port)) {
        raw.out.write(request.getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        String head = raw.readHead();
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = length.find() ? raw.in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
      }
    }

    /** An upgrade request for the endpoint with this WebSocket version and extra header lines. */
    static String upgradeRequest(String version, String headers) {
      return "GET /connection/websocket HTTP/1.1\r\nHost: x\r\nupgrade: websocket\r\n" + headers + "\r\n"
        + "Sec-WebSocket-Version: " + version + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    }

    static RawSocket upgrade(int port) throws IOException {
      RawSocket raw = new RawSocket(port);
      // A browser-style Connection list and a lower-case upgrade token are both valid.
      raw.out.write(upgradeRequest("13", "Connection: keep-alive, Upgrade").getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      String head = raw.readHead();
      assertThat(head).startsWith("HTTP/1.1 101").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      return raw;
    }

    String readHead() throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }

    /** A client text frame (masked, as RFC 6455 requires of clients). */
    static byte[] maskedText(String text) {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0x81);
      if (payload.length < 126) {
        out.write(0x80 | payload.length);
      } else {
        out.write(0x80 | 126);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xFF);
      }
      byte[] mask = {0x37, (byte) 0xFA, 0x21, 0x3D};
      out.writeBytes(mask);
      for (int i = 0; i < payload.length; i++) {
        out.write(payload[i] ^ mask[i % 4]);
      }
      return out.toByteArray();
    }

    /** Reads server frames until a text frame; returns its payload. */
    String readText() throws IOException {
      return new String(readUntil(0x1), StandardCharsets.UTF_8);
    }

    /** Reads server frames until a close frame; returns its status code. */
    int readCloseCode() throws IOException {
      byte[] payload = readUntil(0x8);
      return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** Skips server frames until one with this opcode (unmasked, as servers send); returns its payload. */
    private byte[] readUntil(int wanted) throws IOException {
      DataInputStream data = new DataInputStream(in);
      while (true) {
        int opcode = data.readUnsignedByte() & 0x0F;
        int len = data.readUnsignedByte() & 0x7F;
        long length = len == 126 ? data.readUnsignedShort() : len == 127 ? data.readLong() : len;
        byte[] payload = data.readNBytes((int) length);
        if (opcode == wanted) {
          return payload;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
