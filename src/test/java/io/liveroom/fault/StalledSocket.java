package io.liveroom.fault;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain TCP socket with a tiny receive buffer, written by hand so the test
 * controls reading exactly: after {@code connect} and {@code subscribe} it simply stops reading,
 * as a phone whose app froze. The server's writes then back up in its own queue, which is what
 * the slow-consumer rule (close 3008) is for. {@link #drainToClose} reads what is left to find the
 * close code.
 */
final class StalledSocket implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int ids;

  private StalledSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static StalledSocket open(int port) {
    try {
      Socket s = new Socket();
      s.setReceiveBufferSize(4096); // before connect, so the advertised window stays small
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      StalledSocket ws = new StalledSocket(s);
      ws.handshake(port);
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command and reads frames until its reply (pings answered, pushes skipped). */
  JsonObject request(String method, JsonObject params) {
    int id = ++ids;
    sendText(new JsonObject().put("id", id).put(method, params).encode());
    while (true) {
      for (String line : readMessage().split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject m = new JsonObject(line);
        if (m.isEmpty()) {
          sendText("{}");
        } else if (m.getInteger("id", 0) == id) {
          return m;
        }
      }
    }
  }

  /**
   * Reads everything the server still sends, up to its close frame; returns the close code, or -1
   * if the connection ended (or stayed silent for 10 s) without one.
   */
  int drainToClose() {
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        byte[] payload = readPayload();
        if ((b0 & 0x0F) == 0x8) {
          return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
      }
    } catch (IOException endedOrSilent) {
      return -1;
    }
  }

  private void handshake(int port) throws IOException {
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    String request = "GET /connection/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    String status = head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    if (!status.contains(" 101 ")) {
      throw new IOException("upgrade refused: " + status);
    }
  }

  private String readMessage() {
    try {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = in.readUnsignedByte();
        byte[] payload = readPayload();
        int opcode = b0 & 0x0F;
        if (opcode == 0x8) {
          throw new IllegalStateException("closed by the server during setup");
        }
        if (opcode == 0x1 || opcode == 0x0) {
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            return message.toString(StandardCharsets.UTF_8);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] readPayload() throws IOException {
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7F;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return payload;
  }

  private void sendText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
