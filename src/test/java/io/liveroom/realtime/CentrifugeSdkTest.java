package io.liveroom.realtime;

import io.github.centrifugal.centrifuge.Client;
import io.github.centrifugal.centrifuge.ConnectedEvent;
import io.github.centrifugal.centrifuge.DisconnectedEvent;
import io.github.centrifugal.centrifuge.EventListener;
import io.github.centrifugal.centrifuge.HistoryOptions;
import io.github.centrifugal.centrifuge.HistoryResult;
import io.github.centrifugal.centrifuge.Options;
import io.github.centrifugal.centrifuge.PresenceStatsResult;
import io.github.centrifugal.centrifuge.PublicationEvent;
import io.github.centrifugal.centrifuge.RPCResult;
import io.github.centrifugal.centrifuge.SubscribedEvent;
import io.github.centrifugal.centrifuge.Subscription;
import io.github.centrifugal.centrifuge.SubscriptionEventListener;
import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.SdkCalls;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The official centrifuge-java SDK (Protobuf) works against Liveroom unmodified")
class CentrifugeSdkTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().onStart(TestChannels::register).build();
  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void closeClients() throws InterruptedException {
    for (Client c : clients) {
      c.close(1000);
    }
  }

  /** A connected SDK client for this user; its events are recorded. */
  private Sdk connect(long userId) throws Exception {
    Options opts = new Options();
    opts.setToken(node.get().accessTokens().issue(userId, Role.USER, "sdk-" + userId));
    opts.setMinReconnectDelay(300);
    opts.setMaxReconnectDelay(1000);
    Sdk sdk = new Sdk();
    Client client = new Client("ws://127.0.0.1:" + node.httpPort() + "/connection/websocket", opts, sdk);
    clients.add(client);
    sdk.client = client;
    client.connect();
    sdk.connected.get(10, TimeUnit.SECONDS);
    sdk.disconnects.clear();
    return sdk;
  }

  @Test
  @DisplayName("connect with our JWT, subscribe, publish, and receive one's own and another client's publications")
  void publishAndReceive() throws Exception {
    String channel = "chat:" + UUID.randomUUID().toString().substring(0, 8);
    Sdk alice = connect(101);
    Sdk bob = connect(102);
    SubRecorder a = alice.subscribe(channel);
    SubRecorder b = bob.subscribe(channel);
    a.subscribed.poll(10, TimeUnit.SECONDS);
    b.subscribed.poll(10, TimeUnit.SECONDS);

    SdkCalls.<io.github.centrifugal.centrifuge.PublishResult>await(cb -> a.sub.publish(json("text", "from alice"), cb));
    SdkCalls.<io.github.centrifugal.centrifuge.PublishResult>await(cb -> b.sub.publish(json("text", "from bob"), cb));

    for (SubRecorder r : List.of(a, b)) {
      PublicationEvent first = r.publications.poll(10, TimeUnit.SECONDS);
      PublicationEvent second = r.publications.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
      assertThat(text(first.getData())).contains("from alice");
      assertThat(first.getInfo().getUser()).isEqualTo("101");
      assertThat(text(second.getData())).contains("from bob");
      assertThat(second.getOffset()).isEqualTo(first.getOffset() + 1);
    }
  }

  @Test
  @DisplayName("history, presence stats and an RPC call work through the SDK")
  void historyPresenceRpc() throws Exception {
    String channel = "chat:" + UUID.randomUUID().toString().substring(0, 8);
    Sdk carol = connect(103);
    SubRecorder c = carol.subscribe(channel);
    assertThat(c.subscribed.poll(10, TimeUnit.SECONDS)).isNotNull();
    for (int i = 0; i < 3; i++) {
      int n = i;
      SdkCalls.<io.github.centrifugal.centrifuge.PublishResult>await(cb -> c.sub.publish(json("n", n), cb));
    }
    HistoryResult history = SdkCalls.<HistoryResult>await(cb -> c.sub.history(new HistoryOptions.Builder().withLimit(10).build(), cb));
    assertThat(history.getPublications()).hasSize(3);
    assertThat(history.getOffset()).isEqualTo(3L);

    PresenceStatsResult stats = SdkCalls.<PresenceStatsResult>await(cb -> c.sub.presenceStats(cb));
    assertThat(stats.getNumClients()).isEqualTo(1);
    assertThat(stats.getNumUsers()).isEqualTo(1);

    RPCResult rpc = SdkCalls.<RPCResult>await(cb -> carol.client.rpc("test.echo", json("q", "hello"), cb));
    assertThat(new JsonObject(text(rpc.getData()))).isEqualTo(new JsonObject().put("q", "hello").put("user", 103));
  }

  @Test
  @DisplayName("after its connection is cut, the SDK reconnects and recovers the publications it missed")
  void recoversAfterCut() throws Exception {
    String channel = "news:" + UUID.randomUUID().toString().substring(0, 8);
    Sdk dave = connect(104);
    SubRecorder d = dave.subscribe(channel);
    assertThat(d.subscribed.poll(10, TimeUnit.SECONDS).getRecovered()).isFalse();
    node.get().realtime().publish(channel, new JsonObject().put("n", 1)).toCompletionStage().toCompletableFuture().join();
    assertThat(d.publications.poll(10, TimeUnit.SECONDS).getOffset()).isEqualTo(1L);

    // Cut: the server drops the connection with a reconnect code, then publishes while the SDK is away.
    node.get().realtime().disconnectUser(104, DisconnectCode.FORCE_RECONNECT).toCompletionStage().toCompletableFuture().join();
    assertThat(dave.disconnects.poll(10, TimeUnit.SECONDS).getCode()).isEqualTo(3011);
    node.get().realtime().publish(channel, new JsonObject().put("n", 2)).toCompletionStage().toCompletableFuture().join();
    node.get().realtime().publish(channel, new JsonObject().put("n", 3)).toCompletionStage().toCompletableFuture().join();

    SubscribedEvent resubscribed = d.subscribed.poll(10, TimeUnit.SECONDS);
    assertThat(resubscribed).isNotNull();
    assertThat(resubscribed.wasRecovering()).isTrue();
    assertThat(resubscribed.getRecovered()).isTrue();
    PublicationEvent p2 = d.publications.poll(10, TimeUnit.SECONDS);
    PublicationEvent p3 = d.publications.poll(10, TimeUnit.SECONDS);
    assertThat(p2.getOffset()).isEqualTo(2L);
    assertThat(p3.getOffset()).isEqualTo(3L);
    assertThat(text(p3.getData())).contains("\"n\":3");
  }

  private static byte[] json(String key, Object value) {
    return new JsonObject().put(key, value).encode().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  private static final class Sdk extends EventListener {
    final CompletableFuture<ConnectedEvent> connected = new CompletableFuture<>();
    final LinkedBlockingQueue<DisconnectedEvent> disconnects = new LinkedBlockingQueue<>();
    Client client;

    @Override
    public void onConnected(Client client, ConnectedEvent event) {
      connected.complete(event);
    }

    @Override
    public void onConnecting(Client client, io.github.centrifugal.centrifuge.ConnectingEvent event) {
      disconnects.add(new DisconnectedEvent(event.getCode(), event.getReason()));
    }

    SubRecorder subscribe(String channel) throws Exception {
      SubRecorder r = new SubRecorder();
      r.sub = client.newSubscription(channel, r);
      r.sub.subscribe();
      return r;
    }
  }

  private static final class SubRecorder extends SubscriptionEventListener {
    final LinkedBlockingQueue<SubscribedEvent> subscribed = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<PublicationEvent> publications = new LinkedBlockingQueue<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    Subscription sub;

    @Override
    public void onSubscribed(Subscription sub, SubscribedEvent event) {
      subscribed.add(event);
    }

    @Override
    public void onPublication(Subscription sub, PublicationEvent event) {
      publications.add(event);
    }

    @Override
    public void onError(Subscription sub, io.github.centrifugal.centrifuge.SubscriptionErrorEvent event) {
      errors.add(String.valueOf(event.getError()));
    }
  }
}
