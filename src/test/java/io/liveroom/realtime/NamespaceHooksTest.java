package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestSocket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-channel hooks a namespace may implement: {@code joinLeave(channel, subscribers)} and
 * {@code historyFallback(channel, limit)}. Namespaces here:
 * <ul>
 *   <li>{@code kept}: history; its fallback serves three stored items, except for channels whose
 *   id starts with {@code broken}, where it fails;</li>
 *   <li>{@code few}: no presence, join/leave only while at most one subscriber is on the loop.</li>
 * </ul>
 */
@DisplayName("Namespace hooks: per-channel join/leave and the history fallback")
class NamespaceHooksTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();

  @BeforeAll
  static void boot() {
    node.get().namespaces().register(new Kept());
    node.get().namespaces().register(new Few());
  }

  private TestSocket connect(long userId) {
    TestSocket ws = node.socket();
    ws.connect(node.get().accessTokens().issue(userId, Role.USER, "hooks-" + userId));
    return ws;
  }

  private static JsonObject history(TestSocket ws, String channel, int limit, boolean reverse) {
    JsonObject reply = ws.request("history", new JsonObject().put("channel", channel).put("limit", limit)
      .put("reverse", reverse));
    assertThat(reply.containsKey("error")).as("history: %s", reply).isFalse();
    return reply.getJsonObject("history");
  }

  private static List<Object> field(JsonObject history, String name) {
    List<Object> out = new ArrayList<>();
    history.getJsonArray("publications", new JsonArray()).forEach(p -> out.add(((JsonObject) p).getJsonObject("data").getValue(name)));
    return out;
  }

  @Test
  @DisplayName("history of a channel the broker kept nothing for serves the fallback, without offsets, in the order asked")
  void fallbackWhenNothingKept() {
    TestSocket ws = connect(301);
    String channel = "kept:" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject h = history(ws, channel, 10, false);
    assertThat(field(h, "n")).containsExactly(1, 2, 3);
    assertThat(h.getJsonArray("publications").getJsonObject(0).containsKey("offset")).isFalse();
    assertThat(field(history(ws, channel, 10, true), "n")).containsExactly(3, 2, 1);
    assertThat(field(history(ws, channel, 2, false), "n")).containsExactly(2, 3);
    assertThat(history(ws, channel, 0, false).getJsonArray("publications", new JsonArray())).isEmpty();
  }

  @Test
  @DisplayName("once the broker keeps publications, history serves them and not the fallback")
  void brokerHistoryWins() {
    TestSocket ws = connect(302);
    String channel = "kept:" + UUID.randomUUID().toString().substring(0, 8);
    node.get().realtime().publish(channel, new JsonObject().put("n", 42)).toCompletionStage().toCompletableFuture().join();
    JsonObject h = history(ws, channel, 10, false);
    assertThat(field(h, "n")).containsExactly(42);
    assertThat(h.getLong("offset")).isEqualTo(1L);
  }

  @Test
  @DisplayName("a failing fallback is logged and the empty history served, not an error")
  void failingFallback() {
    TestSocket ws = connect(303);
    JsonObject h = history(ws, "kept:broken-" + UUID.randomUUID().toString().substring(0, 8), 10, false);
    assertThat(h.getJsonArray("publications", new JsonArray())).isEmpty();
  }

  @Test
  @DisplayName("join/leave follow the namespace's per-channel decision: no join at two subscribers, a leave back at one")
  void joinLeavePerChannel() {
    String channel = "few:" + UUID.randomUUID().toString().substring(0, 8);
    TestSocket a = connect(304);
    TestSocket b = connect(305);
    assertThat(a.request("subscribe", new JsonObject().put("channel", channel)).containsKey("error")).isFalse();
    assertThat(b.request("subscribe", new JsonObject().put("channel", channel)).containsKey("error")).isFalse();
    b.request("unsubscribe", new JsonObject().put("channel", channel));

    JsonObject first = a.awaitPush(p -> (p.containsKey("join") || p.containsKey("leave"))
      && "305".equals((p.containsKey("join") ? p.getJsonObject("join") : p.getJsonObject("leave"))
      .getJsonObject("info").getString("user")));
    assertThat(first.containsKey("leave")).as("first join/leave push about user 305: %s", first).isTrue();
  }

  private static final class Kept implements ChannelNamespace {
    @Override
    public String name() {
      return "kept";
    }

    @Override
    public NamespaceOptions options() {
      return new NamespaceOptions(10, Duration.ofMinutes(1), false, false, false);
    }

    @Override
    public Future<Void> authorizeSubscribe(Principal principal, String channel) {
      return Future.succeededFuture();
    }

    @Override
    public Future<List<JsonObject>> historyFallback(String channel, int limit) {
      if (channel.startsWith("kept:broken")) {
        return Future.failedFuture(new IllegalStateException("store unavailable"));
      }
      List<JsonObject> stored = List.of(new JsonObject().put("n", 1), new JsonObject().put("n", 2),
        new JsonObject().put("n", 3));
      return Future.succeededFuture(stored.subList(Math.max(0, stored.size() - limit), stored.size()));
    }
  }

  private static final class Few implements ChannelNamespace {
    @Override
    public String name() {
      return "few";
    }

    @Override
    public NamespaceOptions options() {
      return new NamespaceOptions(0, Duration.ZERO, false, true, false);
    }

    @Override
    public Future<Void> authorizeSubscribe(Principal principal, String channel) {
      return Future.succeededFuture();
    }

    @Override
    public boolean joinLeave(String channel, long subscribers) {
      return subscribers <= 1;
    }
  }
}
