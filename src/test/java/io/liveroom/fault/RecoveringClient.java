package io.liveroom.fault;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber to one channel that behaves as the centrifuge SDKs do, over the JSON protocol: it
 * remembers the stream position ({@code epoch}, last {@code offset}), reconnects at once when the
 * connection drops, resubscribes with {@code recover: true} (also on an {@code unsubscribe} 2500
 * push) with the SDKs' jittered backoff, and answers server pings. It records what a fault drill asks about: every publication
 * with its offset and arrival time, every recovery and whether it was {@code recovered}, every
 * close code, failed attempts, and silent gaps (a live offset that skips ahead without the server
 * having said anything).
 */
final class RecoveringClient {
  /** A publication as received: live or from a recovery reply. */
  record Pub(long offset, JsonObject data, long receivedNanos, boolean fromRecovery) {
  }

  /** The answer to a resubscribe with recovery. */
  record Recovery(boolean recovered, long atNanos, int publications) {
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final String token;
  private final String channel;
  private final Map<Integer, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<Pub> pubs = new ArrayList<>();
  private final List<Recovery> recoveries = new ArrayList<>();
  private final List<Integer> closeCodes = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> retried = new ArrayList<>();
  private WebSocket ws;
  /** The socket of the last attempt that got as far as subscribed; only its loss triggers a reconnect. */
  private WebSocket live;
  private String epoch;
  private long offset;
  private boolean subscribed;
  private long closedAtNanos;
  private int silentGaps;
  private int duplicates;
  private volatile boolean stopped;
  private volatile long giveUpAtNanos;

  RecoveringClient(Vertx vertx, WebSocketClient client, int port, String token, String channel) {
    this.vertx = vertx;
    this.client = client;
    this.port = port;
    this.token = token;
    this.channel = channel;
  }

  /** Opens, connects and subscribes (recovering if a position is known); fails if any step does. */
  Future<RecoveringClient> start() {
    return WebSocketOpen.open(client, port).compose(socket -> {
      synchronized (this) {
        ws = socket;
      }
      socket.textMessageHandler(this::onText);
      socket.closeHandler(v -> onClose(socket));
      socket.exceptionHandler(e -> { });
      return request("connect", new JsonObject().put("token", token))
        .compose(reply -> reply.containsKey("error")
          ? Future.failedFuture("connect refused: " + reply.encode()) : subscribe())
        .map(reply -> {
          synchronized (this) {
            live = socket;
          }
          return this;
        })
        .onFailure(e -> socket.close().otherwiseEmpty());
    });
  }

  Future<JsonObject> subscribe() {
    JsonObject params = new JsonObject().put("channel", channel);
    synchronized (this) {
      if (epoch != null) {
        params.put("recover", true).put("epoch", epoch).put("offset", offset);
      }
    }
    return request("subscribe", params).compose(reply -> {
      if (reply.containsKey("error")) {
        return Future.failedFuture("subscribe refused: " + reply.encode());
      }
      onSubscribed(reply.getJsonObject("subscribe"));
      return Future.succeededFuture(reply);
    });
  }

  /** Sends one command and completes with its reply (result or error), or fails if the socket closes. */
  Future<JsonObject> request(String method, JsonObject params) {
    WebSocket socket;
    synchronized (this) {
      socket = ws;
    }
    int id = ids.incrementAndGet();
    Promise<JsonObject> p = Promise.promise();
    pending.put(id, p);
    socket.writeTextMessage(new JsonObject().put("id", id).put(method, params).encode())
      .onFailure(e -> {
        pending.remove(id);
        p.tryFail(e);
      });
    return p.future();
  }

  /** Stops for good: no reconnect after this. */
  Future<Void> stop() {
    stopped = true;
    WebSocket socket;
    synchronized (this) {
      socket = ws;
    }
    return socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
  }

  /** Closes the connection from the client side (code 4000), then reconnects and recovers as after any drop. */
  void drop() {
    WebSocket socket;
    synchronized (this) {
      socket = ws;
    }
    socket.close((short) 4000, "drill").otherwiseEmpty();
  }

  /** Keeps retrying a failed reconnect until this many milliseconds after the drop. */
  void reconnectFor(long millis) {
    giveUpAtNanos = System.nanoTime() + millis * 1_000_000;
  }

  synchronized List<Pub> pubs() {
    return List.copyOf(pubs);
  }

  synchronized List<Recovery> recoveries() {
    return List.copyOf(recoveries);
  }

  synchronized List<Integer> closeCodes() {
    return List.copyOf(closeCodes);
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** When the last established connection was seen closed ({@link System#nanoTime}), 0 if never. */
  synchronized long closedAtNanos() {
    return closedAtNanos;
  }

  synchronized int silentGaps() {
    return silentGaps;
  }

  synchronized int duplicates() {
    return duplicates;
  }

  synchronized long offset() {
    return offset;
  }

  synchronized boolean subscribed() {
    return subscribed;
  }

  private void onText(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject m = new JsonObject(line);
      if (m.isEmpty()) {
        ws.writeTextMessage("{}");
      } else if (m.getInteger("id", 0) > 0) {
        Promise<JsonObject> p = pending.remove(m.getInteger("id"));
        if (p != null) {
          p.tryComplete(m);
        }
      } else if (m.containsKey("push")) {
        onPush(m.getJsonObject("push"), System.nanoTime());
      }
    }
  }

  private void onPush(JsonObject push, long now) {
    if (!channel.equals(push.getString("channel"))) {
      return;
    }
    if (push.containsKey("pub")) {
      synchronized (this) {
        if (subscribed) {
          accept(push.getJsonObject("pub"), now, false);
        }
      }
    } else if (push.containsKey("unsubscribe")) {
      int code = push.getJsonObject("unsubscribe").getInteger("code", 0);
      synchronized (this) {
        subscribed = false;
        closeCodes.add(code);
      }
      if (code == 2500) {
        subscribe().onFailure(e -> recordError("resubscribe after 2500: " + e.getMessage()));
      }
    }
  }

  private synchronized void onSubscribed(JsonObject result) {
    long now = System.nanoTime();
    if (result.getBoolean("was_recovering", false)) {
      boolean recovered = result.getBoolean("recovered", false);
      JsonArray missed = result.getJsonArray("publications", new JsonArray());
      if (recovered) {
        for (int i = 0; i < missed.size(); i++) {
          accept(missed.getJsonObject(i), now, true);
        }
      }
      recoveries.add(new Recovery(recovered, now, missed.size()));
      if (!recovered) {
        offset = result.getLong("offset", 0L);
      }
    } else {
      offset = result.getLong("offset", 0L);
    }
    epoch = result.getString("epoch");
    subscribed = true;
  }

  private void accept(JsonObject pub, long now, boolean fromRecovery) {
    long at = pub.getLong("offset", 0L);
    if (at <= offset) {
      duplicates++;
      return;
    }
    if (at != offset + 1) {
      silentGaps++;
    }
    offset = at;
    pubs.add(new Pub(at, pub.getJsonObject("data"), now, fromRecovery));
  }

  private void onClose(WebSocket socket) {
    Short code = socket.closeStatusCode();
    synchronized (this) {
      if (socket != ws) {
        return; // an earlier attempt's socket
      }
    }
    // Fails the commands of this socket, also of an attempt still connecting (which then retries).
    pending.values().forEach(p -> p.tryFail("connection closed (" + code + ")"));
    pending.clear();
    synchronized (this) {
      if (socket != live) {
        return; // a failed attempt: reconnect() retries it
      }
      live = null;
      subscribed = false;
      closedAtNanos = System.nanoTime();
      closeCodes.add(code == null ? 1006 : (int) code);
    }
    if (!stopped) {
      if (giveUpAtNanos == 0) {
        reconnectFor(30_000);
      }
      scheduleReconnect(0);
    }
  }

  /**
   * As the SDKs do: the first attempt after a random delay below 500 ms, then full-jitter
   * exponential backoff up to 5 s, so a crowd dropped at once does not come back in one instant.
   */
  private void scheduleReconnect(int failures) {
    long cap = Math.min(5_000, 500L << Math.min(failures, 4));
    vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(cap), t -> reconnect(failures));
  }

  private void reconnect(int failures) {
    start().onFailure(e -> {
      String why = String.valueOf(e.getMessage());
      if (why.startsWith("connect refused") || why.startsWith("subscribe refused")) {
        recordError(why); // the server said no: an error, not a transient failure
      } else {
        synchronized (this) {
          retried.add(why);
        }
      }
      if (stopped) {
        return;
      }
      if (System.nanoTime() < giveUpAtNanos) {
        scheduleReconnect(failures + 1);
      } else {
        recordError("gave up reconnecting after " + (failures + 1) + " attempts: " + why);
      }
    });
  }

  private synchronized void recordError(String error) {
    errors.add(error);
  }

  /** Attempts that failed on the way (timeouts, the server closing a slow handshake) and were retried. */
  synchronized List<String> retried() {
    return List.copyOf(retried);
  }

  /** Opening the WebSocket as a mobile SDK does (no Origin header). */
  static final class WebSocketOpen {
    private WebSocketOpen() {
    }

    static Future<WebSocket> open(WebSocketClient client, int port) {
      return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/connection/websocket").setAllowOriginHeader(false));
    }
  }
}
