package io.liveroom.realtime;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestSocket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's publish connection coalesces the commands of one event-loop turn: a run of
 * PUBLISHes goes to Redis as one pipelined write, history appends one by one, all in issue order.
 */
@DisplayName("Ordered publishing through Redis: one turn's publications go out pipelined, in order, none lost")
class OrderedPublishTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().onStart(TestChannels::register).build();

  @Test
  @DisplayName("300 publications issued in one turn, mixing a history channel and a plain one, all succeed and arrive in each channel's order")
  void oneTurnInOrder() throws Exception {
    String plain = "feed:" + UUID.randomUUID().toString().substring(0, 8);
    String kept = "chat:" + UUID.randomUUID().toString().substring(0, 8);
    try (TestSocket ws = TestSocket.open(node.httpPort())) {
      ws.connect(node.get().accessTokens().issue(40, Role.USER, "s-40"));
      ws.request("subscribe", new JsonObject().put("channel", plain));
      ws.request("subscribe", new JsonObject().put("channel", kept));
      CompletableFuture<List<Future<Realtime.PublishResult>>> issued = new CompletableFuture<>();
      node.get().vertx().runOnContext(v -> {
        List<Future<Realtime.PublishResult>> all = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
          // Every tenth goes to the history channel: runs of PUBLISH are cut by EVALSHA appends.
          all.add(node.get().realtime().publish(n % 10 == 9 ? kept : plain, new JsonObject().put("n", n)));
        }
        issued.complete(all);
      });
      List<Future<Realtime.PublishResult>> all = issued.get(10, TimeUnit.SECONDS);
      Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(all).allMatch(Future::succeeded);
      // History appends got their offsets back (1..30 on the kept channel).
      assertThat(all.get(299).result().offset()).isEqualTo(30);
      // The socket sees every publication, each channel's in issue order (awaitPush returns the
      // earliest arrival). Across the two channels there is no order: the plain channel's are
      // delivered on this node at once, the history channel's once Redis has appended them.
      List<Integer> plainOrder = new ArrayList<>();
      List<Integer> keptOrder = new ArrayList<>();
      for (int n = 0; n < 300; n++) {
        JsonObject pub = ws.awaitPush(p -> p.containsKey("pub"));
        int got = pub.getJsonObject("pub").getJsonObject("data").getInteger("n");
        assertThat(pub.getString("channel")).isEqualTo(got % 10 == 9 ? kept : plain);
        (got % 10 == 9 ? keptOrder : plainOrder).add(got);
      }
      assertThat(plainOrder).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).filter(n -> n % 10 != 9)
        .boxed().toList());
      assertThat(keptOrder).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).filter(n -> n % 10 == 9)
        .boxed().toList());
    }
  }
}
