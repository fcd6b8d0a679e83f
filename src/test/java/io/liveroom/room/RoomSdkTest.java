package io.liveroom.room;

import io.github.centrifugal.centrifuge.Client;
import io.github.centrifugal.centrifuge.ConnectedEvent;
import io.github.centrifugal.centrifuge.EventListener;
import io.github.centrifugal.centrifuge.HistoryOptions;
import io.github.centrifugal.centrifuge.HistoryResult;
import io.github.centrifugal.centrifuge.Options;
import io.github.centrifugal.centrifuge.PresenceStatsResult;
import io.github.centrifugal.centrifuge.PublicationEvent;
import io.github.centrifugal.centrifuge.RPCResult;
import io.github.centrifugal.centrifuge.ReplyError;
import io.github.centrifugal.centrifuge.ResultCallback;
import io.github.centrifugal.centrifuge.SubscribedEvent;
import io.github.centrifugal.centrifuge.Subscription;
import io.github.centrifugal.centrifuge.SubscriptionEventListener;
import io.github.centrifugal.centrifuge.UnsubscribedEvent;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.liveroom.support.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The official centrifuge-java SDK (Protobuf, as Android apps use it) in a live room. */
@DisplayName("A live room through the centrifuge-java SDK over Protobuf")
class RoomSdkTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private final List<Client> clients = new ArrayList<>();
  private LiveRoomClients app;

  @AfterEach
  void close() throws InterruptedException {
    for (Client c : clients) {
      c.close(1000);
    }
    app.close();
  }

  @Test
  @DisplayName("subscribe, chat, history, presence stats, room.like, a refused comment and a kick, as an Android app sees them")
  void roomThroughSdk() throws Exception {
    app = new LiveRoomClients(node.get());
    TestUser host = app.user("host", true);
    TestUser ann = app.user("ann", true);
    TestUser guest = app.user("guest", false);
    long room = app.liveRoom(host);

    RoomSub annRoom = subscribe(connect(ann), room);
    SubscribedEvent subscribed = annRoom.subscribed.poll(10, TimeUnit.SECONDS);
    assertThat(subscribed).isNotNull();
    assertThat(subscribed.getRecoverable()).isTrue();

    await((ResultCallback<io.github.centrifugal.centrifuge.PublishResult> cb) -> annRoom.sub.publish(
      new JsonObject().put("text", "hello from android").encode().getBytes(StandardCharsets.UTF_8), cb));
    PublicationEvent pub = annRoom.publications.poll(10, TimeUnit.SECONDS);
    assertThat(pub).isNotNull();
    JsonObject data = json(pub.getData());
    assertThat(data.getString("type")).isEqualTo("chat");
    assertThat(data.getString("text")).isEqualTo("hello from android");
    assertThat(data.getJsonObject("sender").getString("nickname")).isEqualTo("ann");
    assertThat(pub.getInfo().getUser()).isEqualTo(Long.toString(ann.id()));

    HistoryResult history = await(cb -> annRoom.sub.history(new HistoryOptions.Builder().withLimit(10).build(), cb));
    assertThat(history.getPublications()).extracting(p -> json(p.getData()).getString("type")).containsExactly("started", "chat");
    PresenceStatsResult stats = await(cb -> annRoom.sub.presenceStats(cb));
    assertThat(stats.getNumUsers()).isEqualTo(1);
    RPCResult liked = await(cb -> annRoom.client.rpc("room.like",
      new JsonObject().put("roomId", room).put("count", 5).encode().getBytes(StandardCharsets.UTF_8), cb));
    assertThat(json(liked.getData()).getLong("total")).isEqualTo(5L);

    RoomSub guestRoom = subscribe(connect(guest), room);
    assertThat(guestRoom.subscribed.poll(10, TimeUnit.SECONDS)).isNotNull();
    ExecutionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
      () -> await((ResultCallback<io.github.centrifugal.centrifuge.PublishResult> cb) -> guestRoom.sub.publish(
        new JsonObject().put("text", "hi").encode().getBytes(StandardCharsets.UTF_8), cb)));
    assertThat(refused.getCause()).isInstanceOfSatisfying(ReplyError.class, e -> assertThat(e.getCode()).isEqualTo(1204));

    TestHttp.Response kicked = app.send("POST", "/api/v1/rooms/" + room + "/kicks",
      new JsonObject().put("userId", ann.id()), host);
    assertThat(kicked.status()).as("kick: %s", kicked).isEqualTo(204);
    UnsubscribedEvent out = annRoom.unsubscribed.poll(10, TimeUnit.SECONDS);
    assertThat(out).isNotNull();
    assertThat(out.getCode()).isEqualTo(2000);
  }

  private Client connect(TestUser user) throws Exception {
    Options opts = new Options();
    opts.setToken(user.accessToken());
    CompletableFuture<ConnectedEvent> connected = new CompletableFuture<>();
    Client client = new Client("ws://127.0.0.1:" + node.httpPort() + "/connection/websocket", opts, new EventListener() {
      @Override
      public void onConnected(Client c, ConnectedEvent event) {
        connected.complete(event);
      }
    });
    clients.add(client);
    client.connect();
    connected.get(10, TimeUnit.SECONDS);
    return client;
  }

  private static RoomSub subscribe(Client client, long room) throws Exception {
    RoomSub r = new RoomSub();
    r.client = client;
    r.sub = client.newSubscription(LiveRoomClients.channel(room), r);
    r.sub.subscribe();
    return r;
  }

  private static JsonObject json(byte[] data) {
    return new JsonObject(new String(data, StandardCharsets.UTF_8));
  }

  private static final class RoomSub extends SubscriptionEventListener {
    final LinkedBlockingQueue<SubscribedEvent> subscribed = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<PublicationEvent> publications = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<UnsubscribedEvent> unsubscribed = new LinkedBlockingQueue<>();
    Client client;
    Subscription sub;

    @Override
    public void onSubscribed(Subscription s, SubscribedEvent event) {
      subscribed.add(event);
    }

    @Override
    public void onPublication(Subscription s, PublicationEvent event) {
      publications.add(event);
    }

    @Override
    public void onUnsubscribed(Subscription s, UnsubscribedEvent event) {
      unsubscribed.add(event);
    }
  }
}
