package io.liveroom.realtime.broker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.liveroom.infra.RedisScript;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis broker: ONE dedicated PUB/SUB connection per node multiplexes every channel this node
 * has subscribers for; history lives in Redis streams, appended and published by one Lua script
 * (atomic per channel). When the PUB/SUB connection breaks it reconnects with backoff, resubscribes
 * every channel and reports {@link BrokerListener#onResubscribed()}.
 *
 * <p>Publications go through ONE dedicated, pipelined connection (not the pool): Redis then runs
 * them in the order this node sent them, so one publisher's publications arrive in order everywhere.
 * {@link OrderedPipeline} coalesces the writes of one event-loop turn.
 *
 * <p>Publications without history are delivered on this node first, then sent through Redis
 * tagged with this node's origin (its own echo is dropped), and not sent at all while no other node
 * receives the channel ({@link SoloChannels}). A node that subscribes announces it on the channel,
 * so a node delivering alone starts sending again. Personal channels and the AI relay's token
 * stream are the common case: their one subscriber is usually on the publishing node.
 */
public final class RedisBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
  private static final int SUBSCRIBE_BATCH = 512;
  /** Marks a message sent with its origin node: {@code o<node>:<message>}. */
  private static final byte ORIGIN = 'o';
  /** An origin-tagged announcement that the node has subscribed to the channel. */
  private static final byte ANNOUNCE = 'i';

  private final Vertx vertx;
  private final Redis commands;
  private final RedisOptions pubsubOptions;
  /** Channels this node receives, with the SUBSCRIBE in flight (or done) for each. */
  /**
   * One SUBSCRIBE per channel, its future shared by every event loop that asks: callers reach it
   * through {@code ClientSession.onLoop}, which brings it home ({@code CallerContext}).
   */
  private final Map<String, Future<Void>> channels = new ConcurrentHashMap<>();
  private final RedisScript append = RedisScript.load("lua/realtime/history_append_publish.lua");
  private final RedisScript read = RedisScript.load("lua/realtime/history_read.lua");
  private volatile BrokerListener listener;
  private volatile RedisConnection pubsub;
  private Future<RedisConnection> publisher;
  private final OrderedPipeline ordered;
  /** This node's id in its messages' origin tags and its PUB/SUB connection's name. */
  private final String nodeId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final byte[] originTag = ((char) ORIGIN + nodeId + ":").getBytes(StandardCharsets.US_ASCII);
  private final String announcement = (char) ORIGIN + nodeId + ":" + (char) ANNOUNCE;
  private final SoloChannels solo = new SoloChannels();
  private volatile boolean closed;
  private int failures;

  public RedisBroker(Vertx vertx, Redis commands, RedisOptions options) {
    this.vertx = vertx;
    this.commands = commands;
    this.pubsubOptions = new RedisOptions(options).setMaxPoolSize(1);
    this.ordered = new OrderedPipeline(vertx, this::publisher, this::resetPublisher);
  }

  /**
   * The ordered publish connection, opened on first use and again after it breaks. Publishes
   * chained on the same pending future keep their order; scripts are loaded first so EVALSHA
   * never has to fall back (a fallback could overtake a later publication).
   */
  private synchronized Future<RedisConnection> publisher() {
    if (publisher == null || publisher.failed()) {
      Future<RedisConnection> f = Redis.createClient(vertx, pubsubOptions).connect()
        .compose(conn -> conn.send(append.loadRequest()).map(conn));
      f.onSuccess(conn -> {
        conn.exceptionHandler(e -> {
          LOG.warn("Redis publish connection failed: {}", e.getMessage());
          resetPublisher(f);
        });
        conn.endHandler(v -> resetPublisher(f));
      });
      publisher = f;
    }
    return publisher;
  }

  private synchronized void resetPublisher(Future<RedisConnection> broken) {
    if (publisher == broken) {
      publisher = null;
    }
  }

  private Future<Response> sendOrdered(Request request) {
    return ordered.send(request);
  }

  @Override
  public Future<Void> start(BrokerListener listener) {
    this.listener = listener;
    return connect().mapEmpty();
  }

  private Future<RedisConnection> connect() {
    return Redis.createClient(vertx, pubsubOptions).connect().compose(conn -> {
      conn.handler(this::onPush);
      conn.exceptionHandler(e -> {
        LOG.warn("Redis PUB/SUB connection failed: {}", e.getMessage());
        onConnectionLost(conn);
      });
      conn.endHandler(v -> onConnectionLost(conn));
      pubsub = conn;
      // Named, so that operators (CLIENT LIST) can tell which node a PUB/SUB connection is.
      return conn.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(pubsubClientName()))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture())
        .compose(v -> resubscribeAll(conn)).map(conn);
    });
  }

  private void onConnectionLost(RedisConnection conn) {
    if (pubsub != conn) {
      return; // already handled (the client may report one loss twice)
    }
    pubsub = null;
    solo.connectionLost();
    if (!closed) {
      LOG.warn("Redis PUB/SUB connection lost; cross-node delivery paused until it is back");
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    long delay = Math.min(2000, 50L << Math.min(failures, 6));
    vertx.setTimer(delay, id -> connect()
      .onSuccess(conn -> {
        failures = 0;
        LOG.info("Redis PUB/SUB connection restored; {} channels resubscribed", channels.size());
        BrokerListener l = listener;
        if (l != null) {
          l.onResubscribed();
        }
      })
      .onFailure(e -> {
        failures++;
        if (!closed) {
          scheduleReconnect();
        }
      }));
  }

  /** The name of this node's PUB/SUB connection in Redis's {@code CLIENT LIST}. */
  public String pubsubClientName() {
    return "liveroom-pubsub-" + nodeId;
  }

  /** The message a node publishes on a channel's Redis channel when it starts receiving it. */
  public String announcement() {
    return announcement;
  }

  private Future<Void> resubscribeAll(RedisConnection conn) {
    List<String> all = new ArrayList<>(channels.keySet());
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < all.size(); i += SUBSCRIBE_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + SUBSCRIBE_BATCH));
      Request r = Request.cmd(Command.SUBSCRIBE);
      batch.forEach(c -> r.arg(RedisKeys.pubsub(c)));
      chain = chain.compose(v -> conn.send(r)).compose(v -> {
        // Other nodes may have gone solo on these channels while this node was away.
        batch.stream().filter(channels::containsKey).forEach(c -> {
          solo.subscribed(c);
          announce(c);
        });
        return Future.succeededFuture();
      });
    }
    return chain;
  }

  /** Tells the other nodes receiving the channel that this node receives it too (best effort). */
  private Future<Void> announce(String channel) {
    return sendOrdered(Request.cmd(Command.PUBLISH).arg(RedisKeys.pubsub(channel)).arg(announcement))
      .<Void>mapEmpty().onFailure(e -> LOG.debug("Announcing {} failed: {}", channel, e.getMessage()));
  }

  private void onPush(Response r) {
    if (r.size() < 3 || !"message".equals(r.get(0).toString())) {
      return;
    }
    String channel = RedisKeys.channelOfPubsub(r.get(1).toString());
    BrokerListener l = listener;
    if (channel == null || l == null) {
      return;
    }
    byte[] payload = r.get(2).toBytes();
    try {
      int from = 0;
      if (payload.length > 0 && payload[0] == ORIGIN) {
        from = indexOf(payload, 1) + 1;
        if (Arrays.equals(payload, 0, from, originTag, 0, originTag.length)) {
          return; // this node's own message, delivered here before it was sent
        }
        if (from < payload.length && payload[from] == ANNOUNCE) {
          solo.otherNodeSubscribed(channel);
          return;
        }
      }
      dispatch(l, channel, payload, from);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      LOG.warn("Dropped an unreadable broker message on channel {}: {}", channel, e.getMessage());
    }
  }

  private static void dispatch(BrokerListener l, String channel, byte[] payload, int from)
    throws InvalidProtocolBufferException {
    if (payload.length <= from) {
      return;
    }
    if (payload[from] != 'p') {
      BrokerEvent.Type type = BrokerEvent.Type.of(payload[from]);
      if (type != null) {
        l.onEvent(channel, new BrokerEvent(type, Arrays.copyOfRange(payload, from + 1, payload.length)));
      }
      return;
    }
    int c1 = indexOf(payload, from + 1);
    int c2 = indexOf(payload, c1 + 1);
    long offset = Long.parseLong(new String(payload, from + 1, c1 - from - 1, StandardCharsets.US_ASCII));
    String epoch = new String(payload, c1 + 1, c2 - c1 - 1, StandardCharsets.US_ASCII);
    Publication pub = Publication.parseFrom(java.nio.ByteBuffer.wrap(payload, c2 + 1, payload.length - c2 - 1));
    l.onPublication(channel, offset == 0 ? pub : pub.toBuilder().setOffset(offset).build(), epoch);
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == ':') {
        return i;
      }
    }
    throw new IllegalArgumentException("no separator");
  }

  @Override
  public Future<Void> subscribe(String channel) {
    Future<Void> known = channels.get(channel);
    if (known != null) {
      return known;
    }
    RedisConnection conn = pubsub;
    // Without a connection the channel is subscribed on reconnect (and the node told to recover).
    Promise<Void> subscribed = Promise.promise();
    Future<Void> mine = conn == null ? Future.succeededFuture() : subscribed.future();
    Future<Void> raced = channels.putIfAbsent(channel, mine);
    if (raced != null || conn == null) {
      return raced != null ? raced : mine;
    }
    // In the map before the SUBSCRIBE goes out, so its acknowledgement can tell whether it still counts.
    conn.send(Request.cmd(Command.SUBSCRIBE).arg(RedisKeys.pubsub(channel))).onComplete(r -> {
      if (r.failed()) {
        channels.remove(channel, mine);
        subscribed.fail(r.cause());
      } else if (channels.get(channel) != mine) {
        subscribed.complete(); // unsubscribed meanwhile: this acknowledgement says nothing now
      } else {
        solo.subscribed(channel);
        announce(channel).onComplete(a -> subscribed.complete());
      }
    });
    return mine;
  }

  @Override
  public Future<Void> unsubscribe(String channel) {
    if (channels.remove(channel) == null) {
      return Future.succeededFuture();
    }
    solo.unsubscribed(channel);
    RedisConnection conn = pubsub;
    return conn == null ? Future.succeededFuture()
      : conn.send(Request.cmd(Command.UNSUBSCRIBE).arg(RedisKeys.pubsub(channel))).mapEmpty();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Without history: delivered on this node at once, then sent to the other nodes unless none
   * receives the channel. A Redis failure then only costs the other nodes the publication.
   */
  @Override
  public Future<StreamPosition> publish(String channel, Publication publication, HistorySpec history) {
    if (!history.enabled()) {
      return publishWithoutHistory(channel, publication);
    }
    byte[] encoded = publication.toByteArray();
    String[] keys = {RedisKeys.stream(channel), RedisKeys.streamMeta(channel)};
    return append.run(this::sendOrdered, keys, encoded, history.size(), history.ttlSeconds(), RedisKeys.pubsub(channel),
        history.metaTtlSeconds(), newEpoch())
      .map(r -> new StreamPosition(r.get(0).toLong(), r.get(1).toString()));
  }

  private Future<StreamPosition> publishWithoutHistory(String channel, Publication publication) {
    BrokerListener l = listener;
    if (l != null) {
      l.onPublication(channel, publication, "");
    }
    long now = System.nanoTime();
    if (solo.solo(channel, now)) {
      return Future.succeededFuture(StreamPosition.NONE);
    }
    byte[] encoded = publication.toByteArray();
    byte[] payload = new byte[originTag.length + 4 + encoded.length];
    System.arraycopy(originTag, 0, payload, 0, originTag.length);
    int at = originTag.length;
    payload[at] = 'p';
    payload[at + 1] = '0';
    payload[at + 2] = ':';
    payload[at + 3] = ':';
    System.arraycopy(encoded, 0, payload, at + 4, encoded.length);
    long mark = solo.mark();
    return sendOrdered(Request.cmd(Command.PUBLISH).arg(RedisKeys.pubsub(channel)).arg(Buffer.buffer(payload)))
      .map(receivers -> {
        solo.published(channel, receivers.toLong(), now, mark);
        return StreamPosition.NONE;
      });
  }

  @Override
  public Future<Void> publishEvent(String channel, BrokerEvent event) {
    return sendOrdered(Request.cmd(Command.PUBLISH).arg(RedisKeys.pubsub(channel)).arg(Buffer.buffer(event.encode())))
      .mapEmpty();
  }

  @Override
  public Future<HistoryPage> history(String channel, HistoryQuery q) {
    String[] keys = {RedisKeys.stream(channel), RedisKeys.streamMeta(channel)};
    String from = q.reverse() ? Long.toString(q.since() == 0 ? 0 : q.since() - 1) : Long.toString(q.since() + 1);
    return read.run(commands, keys, from, q.limit(), q.reverse() ? "1" : "0", q.spec().metaTtlSeconds(), newEpoch())
      .map(RedisBroker::page);
  }

  private static HistoryPage page(Response r) {
    StreamPosition top = new StreamPosition(r.get(0).toLong(), r.get(1).toString());
    Response entries = r.get(2);
    List<Publication> pubs = new ArrayList<>(entries == null ? 0 : entries.size());
    if (entries != null) {
      for (Response entry : entries) {
        String id = entry.get(0).toString();
        long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
        Response fields = entry.get(1);
        try {
          pubs.add(Publication.parseFrom(fields.get(1).toBytes()).toBuilder().setOffset(offset).build());
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("unreadable history entry " + id, e);
        }
      }
    }
    return new HistoryPage(pubs, top);
  }

  private static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    synchronized (this) {
      if (publisher != null) {
        publisher.onSuccess(RedisConnection::close);
        publisher = null;
      }
    }
    listener = null;
    RedisConnection conn = pubsub;
    pubsub = null;
    return conn == null ? Future.succeededFuture() : conn.close().otherwiseEmpty();
  }
}
