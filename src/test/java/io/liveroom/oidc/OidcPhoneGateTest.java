package io.liveroom.oidc;

import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.oidc.TestOpenIdProvider.APP_CLIENT;
import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-name rules' phone, for an account opened with a provider only: it may watch, but chat
 * and gifts are refused with {@code phone_required} until it adds a phone. The account is made an
 * identity-verified adult first, so the phone is the only thing missing.
 */
class OidcPhoneGateTest {
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(), "http://127.0.0.1:1/cb");

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, 0, 0)).build();

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  private static long liveRoom() {
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    TestHttp.Response created = node.http().post("/api/v1/rooms", new JsonObject().put("title", "Gate show")
      .put("category", "music"), host.accessToken());
    long room = created.json().getJsonObject("room").getLong("id");
    assertThat(node.http().post("/api/v1/rooms/" + room + "/start", null, host.accessToken()).status()).isEqualTo(200);
    return room;
  }

  private static JsonObject chat(TestSocket ws, long room, String text) {
    return ws.request("publish", new JsonObject().put("channel", "room:" + room)
      .put("data", new JsonObject().put("text", text)));
  }

  private static TestHttp.Response gift(long room, long giftId, String bearer) {
    return node.http().post("/api/v1/rooms/" + room + "/gifts", new JsonObject().put("giftId", giftId).put("count", 1)
      .put("requestId", random().substring(0, 16)), bearer);
  }

  @Test
  @DisplayName("An OIDC-only account watches, but its chat (2110) and gifts (403) are refused with phone_required until it adds a phone")
  void chatAndGiftsNeedAPhone() {
    long room = liveRoom();
    long giftId = RewardFixtures.gift(node.get(), "Gate-rose", 1);
    String nonce = random();
    TestHttp.Response signedIn = OidcFixture.signIn(node, OP.idToken(APP_CLIENT, "gate-" + random().substring(0, 8),
      nonce), nonce);
    assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(201);
    String bearer = signedIn.json().getString("accessToken");
    long userId = signedIn.json().getJsonObject("user").getLong("id");
    TestUsers.markVerifiedAdult(userId);
    RewardFixtures.credit(node.get(), userId, 10);

    try (TestSocket ws = TestSocket.open(node.get().httpPort())) {
      ws.connect(bearer);
      JsonObject watching = ws.request("subscribe", new JsonObject().put("channel", "room:" + room));
      assertThat(watching.containsKey("error")).as("watching needs no phone: %s", watching).isFalse();
      JsonObject refused = chat(ws, room, "hello");
      assertThat(refused.getJsonObject("error")).as("%s", refused).isNotNull();
      assertThat(refused.getJsonObject("error").getInteger("code")).isEqualTo(2110);

      TestHttp.Response noGift = gift(room, giftId, bearer);
      assertThat(noGift.status()).as("%s", noGift).isEqualTo(403);
      assertThat(noGift.json().getString("code")).isEqualTo("phone_required");
      assertThat(RewardFixtures.coins(userId)).as("a refused gift charges nothing").isEqualTo(10);

      String phone = TestUsers.newPhone();
      String code = TestUsers.requestCode(node.http(), phone, "change_phone");
      assertThat(node.http().post("/api/v1/me/phone", new JsonObject().put("phone", phone).put("code", code), bearer)
        .status()).isEqualTo(204);

      // Sender profiles are cached for a few seconds (room.Profiles: a change shows from a later message on).
      assertThat(Await.within(30_000, 500, () -> !chat(ws, room, "hello again").containsKey("error")))
        .as("with a phone, chat works").isTrue();
      assertThat(Await.within(30_000, 500, () -> gift(room, giftId, bearer).status() == 200))
        .as("with a phone, gifts work").isTrue();
    }
  }
}
