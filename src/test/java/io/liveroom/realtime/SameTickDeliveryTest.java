package io.liveroom.realtime;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.realtime.protocol.ClientProtocol.Command;
import io.liveroom.realtime.protocol.ClientProtocol.ConnectRequest;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.Push;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeRequest;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestSocket;
import com.google.protobuf.ByteString;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several publications reaching one connection in the same event-loop turn: the outbox joins the
 * hub's shared frames into one buffer of its own (and falls back to the pipeline past its size
 * bound). Driven through the hub on its own loop, so that all of them land in one turn for sure.
 */
@DisplayName("Publications delivered in one event-loop turn reach each subscriber intact and in order")
class SameTickDeliveryTest {
  private static Node node;

  @BeforeAll
  static void start() {
    node = TestNodes.start(); // one event loop: one hub
    TestChannels.register(node);
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("small ones joined into one write, one over the join bound between them, JSON and Protobuf alike")
  void joinedAndLargeInOrder() throws Exception {
    String ch = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    try (TestSocket json1 = TestSocket.open(node.httpPort()); TestSocket json2 = TestSocket.open(node.httpPort());
         TestSocket proto = TestSocket.openProtobuf(node.httpPort())) {
      // Two JSON subscribers share the hub's JSON frames: joining must not disturb the other's copy.
      for (TestSocket json : List.of(json1, json2)) {
        json.connect(node.accessTokens().issue(40 + json.hashCode() % 1000, Role.USER, "tick-" + json.hashCode()));
        json.request("subscribe", new JsonObject().put("channel", ch));
      }
      subscribeProtobuf(proto, ch);
      // 0-4 small, 5 over the 16 KiB join bound, 6-9 small again: all in one turn of the hub's loop.
      List<JsonObject> sent = new ArrayList<>();
      for (int n = 0; n < 10; n++) {
        sent.add(new JsonObject().put("n", n).put("pad", "x".repeat(n == 5 ? 20_000 : 40)));
      }
      deliverInOneTurn(ch, sent);

      for (TestSocket json : List.of(json1, json2)) {
        for (JsonObject expected : sent) {
          JsonObject push = json.awaitPush(p -> p.containsKey("pub")
            && p.getJsonObject("pub").getJsonObject("data").getInteger("n").equals(expected.getInteger("n")));
          assertThat(push.getJsonObject("pub").getJsonObject("data")).isEqualTo(expected);
        }
      }
      List<JsonObject> seen = new ArrayList<>();
      while (seen.size() < sent.size()) {
        for (Reply r : replies(proto.nextBinary())) {
          if (r.hasPush() && r.getPush().hasPub() && ch.equals(r.getPush().getChannel())) {
            seen.add(new JsonObject(r.getPush().getPub().getData().toStringUtf8()));
          }
        }
      }
      assertThat(seen).containsExactlyElementsOf(sent);
    }
  }

  /** Hands every publication to the hub inside one task on its event loop. */
  private static void deliverInOneTurn(String ch, List<JsonObject> data) throws Exception {
    Hub hub = node.realtimeServer().hubs().iterator().next();
    Promise<Void> done = Promise.promise();
    hub.context.runOnContext(v -> {
      for (JsonObject d : data) {
        Publication pub = Publication.newBuilder()
          .setData(ByteString.copyFrom(d.encode(), StandardCharsets.UTF_8)).build();
        hub.deliverPublication(ch, pub, "", new EncodedReply(Reply.newBuilder()
          .setPush(Push.newBuilder().setChannel(ch).setPub(pub)).build()));
      }
      done.complete();
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void subscribeProtobuf(TestSocket proto, String ch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Command.newBuilder().setId(1).setConnect(ConnectRequest.newBuilder()
      .setToken(node.accessTokens().issue(2042, Role.USER, "tick-2042"))).build().writeDelimitedTo(out);
    Command.newBuilder().setId(2).setSubscribe(SubscribeRequest.newBuilder().setChannel(ch)).build()
      .writeDelimitedTo(out);
    proto.sendBinary(out.toByteArray());
    List<Reply> setup = new ArrayList<>();
    while (setup.stream().noneMatch(r -> r.getId() == 2)) {
      setup.addAll(replies(proto.nextBinary()));
    }
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
}
