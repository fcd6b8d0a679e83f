package io.liveroom.youth;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.youth.YouthClients.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.liveroom.youth.YouthClients.chat;
import static io.liveroom.youth.YouthClients.errorCode;
import static io.liveroom.youth.YouthClients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curfew (22:00-06:00 in the user's zone) on a real node whose clock the test moves: at noon
 * youth mode lets the user watch, chat and talk to the AI; at 23:00 all of it is refused with
 * {@code youth_curfew} (2051). The usage tick is slow here (5 minutes), so the subscription opened
 * at noon is still open when its chat is refused; cutting open sessions off at the curfew is
 * {@code YouthTimeLimitTest}'s.
 */
@DisplayName("Youth mode's curfew closes live rooms and AI dialogue at night, in the user's time zone")
class YouthCurfewTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("youth").put("tickSeconds", 300))
    .build();
  private static final TestHttp http = node.http();

  private static long conversation(User u) {
    TestHttp.Response created = http.post("/api/v1/ai/conversations", new JsonObject().put("title", "Q"), u.token());
    assertThat(created.status()).as("create conversation: %s", created).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static JsonObject aiChat(TestSocket ws, long conversationId) {
    return ws.request("rpc", new JsonObject().put("method", "ai.chat").put("data", new JsonObject()
      .put("conversationId", conversationId).put("text", "hello").put("requestId", "r-" + UUID.randomUUID())));
  }

  private static TestHttp.Response completions(User u) {
    return http.post("/v1/chat/completions", new JsonObject().put("model", "simulated").put("stream", true)
      .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user")
        .put("content", "hello"))), u.token());
  }

  @Test
  @DisplayName("At noon a youth-mode user watches, chats and asks the AI; at 23:00 chat, subscribe, ai.chat and SSE are refused with youth_curfew")
  void curfewRefusesLiveAndAi() {
    long room = YouthClients.liveRoom(node.get(), http);
    User kid = YouthClients.adult(node.get());
    User grownUp = YouthClients.adult(node.get());
    YouthClients.turnOn(http, kid, YouthClients.zoneWhereNowIs(CLOCK, 12));
    long conv = conversation(kid);

    TestSocket ws = node.socket();
    ws.connect(kid.token());
    assertThat(subscribe(ws, room).containsKey("error")).as("noon: subscribe allowed").isFalse();
    assertThat(chat(ws, room, "hi at noon").containsKey("error")).as("noon: chat allowed").isFalse();
    assertThat(aiChat(ws, conv).containsKey("error")).as("noon: ai.chat allowed").isFalse();
    assertThat(YouthClients.status(http, kid).getJsonObject("curfew").getBoolean("now")).isFalse();

    CLOCK.advance(Duration.ofHours(11)); // 23:00 in the user's zone

    assertThat(errorCode(chat(ws, room, "hi at night"))).as("chat in the subscription opened at noon").isEqualTo(2051);
    TestSocket again = node.socket();
    again.connect(kid.token());
    assertThat(errorCode(subscribe(again, room))).isEqualTo(2051);
    assertThat(errorCode(aiChat(ws, conv))).isEqualTo(2051);
    TestHttp.Response sse = completions(kid);
    assertThat(sse.status()).as("SSE: %s", sse).isEqualTo(403);
    assertThat(sse.body()).contains("youth_curfew");
    assertThat(YouthClients.status(http, kid).getJsonObject("curfew").getBoolean("now")).isTrue();

    // Without youth mode, the same moment is no curfew.
    TestSocket other = node.socket();
    other.connect(grownUp.token());
    assertThat(subscribe(other, room).containsKey("error")).as("adult without youth mode").isFalse();
    assertThat(completions(grownUp).status()).isEqualTo(200);
  }
}
