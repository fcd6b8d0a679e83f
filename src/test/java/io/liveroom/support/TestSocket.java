package io.liveroom.support;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A raw JSON client for the real-time protocol, for tests of every capability: it sends exact
 * frames (several commands per frame, malformed ones too), answers server pings, and exposes what
 * arrives as one JSON object per line. Blocking, used from the test thread.
 *
 * <pre>
 * TestSocket ws = TestSocket.open(port);
 * ws.connect(token);
 * ws.request("subscribe", new JsonObject().put("channel", "room:1"));
 * JsonObject pub = ws.awaitPush(p -> p.containsKey("pub"));
 * </pre>
 */
public final class TestSocket implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<byte[]> binaryMessages = new LinkedBlockingQueue<>();
  private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  private volatile boolean autoPong = true;
  private volatile boolean reading = true;
  private volatile String closeReason;
  private WebSocket ws;

  private TestSocket() {
  }

  public static TestSocket open(int port) {
    return open(port, Map.of());
  }

  /** Opens a socket with extra upgrade headers (for example an Origin). */
  public static TestSocket open(int port, Map<String, String> headers) {
    return open(port, headers, null);
  }

  /**
   * Opens a socket on the {@code centrifuge-protobuf} subprotocol. Binary messages are kept whole
   * ({@link #nextBinary}) for the test to decode; the SDK tests cover Protobuf traffic end to end.
   */
  public static TestSocket openProtobuf(int port) {
    return open(port, Map.of(), "centrifuge-protobuf");
  }

  private static TestSocket open(int port, Map<String, String> headers, String subprotocol) {
    TestSocket s = new TestSocket();
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
    headers.forEach(b::header);
    if (subprotocol != null) {
      b.subprotocols(subprotocol);
    }
    s.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/connection/websocket"), s.new Listener())
      .orTimeout(10, TimeUnit.SECONDS).join();
    return s;
  }

  /** Sends {@code connect} with the token and returns the connect result. */
  public JsonObject connect(String token) {
    JsonObject reply = request("connect", new JsonObject().put("token", token));
    if (reply.containsKey("error")) {
      throw new AssertionError("connect failed: " + reply);
    }
    return reply.getJsonObject("connect");
  }

  /** Sends one command and waits for the reply with its id (result or error). */
  public JsonObject request(String method, JsonObject params) {
    int id = send(method, params);
    return awaitReply(id);
  }

  /** Sends one command without waiting; returns its id. */
  public int send(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    sendRaw(new JsonObject().put("id", id).put(method, params).encode());
    return id;
  }

  /** The next free command id, for building batched frames by hand. */
  public int nextId() {
    return ids.incrementAndGet();
  }

  /** Sends exactly this text frame. */
  public void sendRaw(String frame) {
    ws.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Sends a text frame without waiting for the send to finish (the server may close mid-frame). */
  public void sendRawNoWait(String frame) {
    ws.sendText(frame, true);
  }

  /** Sends one text message split over WebSocket continuation frames, one part per frame. */
  public void sendFragmented(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      ws.sendText(parts[i], i == parts.length - 1).orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  /** Sends a WebSocket-level ping and returns the payload of the pong that answers it. */
  public byte[] ping(byte[] payload) {
    ws.sendPing(ByteBuffer.wrap(payload)).orTimeout(10, TimeUnit.SECONDS).join();
    try {
      ByteBuffer pong = pongs.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (pong == null) {
        throw new AssertionError("no pong within " + TIMEOUT);
      }
      byte[] out = new byte[pong.remaining()];
      pong.get(out);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next binary message (a whole Protobuf frame: varint-delimited replies), or fails after the timeout. */
  public byte[] nextBinary() {
    try {
      byte[] next = binaryMessages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("no binary message within " + TIMEOUT);
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts the closing handshake from the client side with this code. */
  public void sendClose(int code) {
    ws.sendClose(code, "bye").orTimeout(10, TimeUnit.SECONDS).join();
  }

  public void sendBinary(byte[] frame) {
    ws.sendBinary(ByteBuffer.wrap(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public JsonObject awaitReply(int id) {
    return await(m -> m.getInteger("id", 0) == id, "reply " + id);
  }

  /** The next push matching the predicate (applied to the {@code push} object). */
  public JsonObject awaitPush(Predicate<JsonObject> match) {
    return await(m -> m.containsKey("push") && match.test(m.getJsonObject("push")), "push").getJsonObject("push");
  }

  /** Waits for a message matching the predicate, keeping the others for later awaits. */
  public synchronized JsonObject await(Predicate<JsonObject> match, String what) {
    for (int i = 0; i < seen.size(); i++) {
      if (match.test(seen.get(i))) {
        return seen.remove(i);
      }
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (true) {
        JsonObject m = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (m == null) {
          throw new AssertionError("Timed out waiting for " + what + "; unmatched: " + seen);
        }
        if (match.test(m)) {
          return m;
        }
        seen.add(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the server to close the socket; returns the close code. */
  public int awaitClose() {
    return closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** The subprotocol the server selected, or empty. */
  public String subprotocol() {
    return ws.getSubprotocol();
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Stops answering the server's pings (to test the pong timeout). */
  public void stopPonging() {
    autoPong = false;
  }

  /** Stops reading from the socket at all: the server's writes back up (a slow consumer). */
  public void stopReading() {
    reading = false;
  }

  /** Reads again after {@link #stopReading}. */
  public void resumeReading() {
    reading = true;
    ws.request(1);
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        for (String line : text.toString().split("\n")) {
          if (!line.isBlank()) {
            JsonObject m = new JsonObject(line);
            if (m.isEmpty() && autoPong) {
              socket.sendText("{}", true);
            }
            inbox.add(m);
          }
        }
        text.setLength(0);
      }
      if (reading) {
        socket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] part = new byte[data.remaining()];
      data.get(part);
      binary.writeBytes(part);
      if (last) {
        binaryMessages.add(binary.toByteArray());
        binary.reset();
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
      ByteBuffer copy = ByteBuffer.allocate(message.remaining());
      copy.put(message).flip();
      pongs.add(copy);
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closeReason = reason;
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.complete(-1);
    }
  }
}
