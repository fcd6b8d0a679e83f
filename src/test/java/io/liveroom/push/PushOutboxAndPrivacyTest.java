package io.liveroom.push;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.CollectedExport;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The dev-outbox stand-in records each push per device for its user; device tokens are exported and erased")
class PushOutboxAndPrivacyTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private PushFixtures app;

  @BeforeEach
  void fixtures() {
    app = new PushFixtures(node.http());
  }

  @Test
  @DisplayName("A push reaches the dev outbox once per device, readable only by its user at GET /api/v1/dev/push-outbox")
  void devOutboxEndToEnd() {
    TestUser u = app.user();
    TestUser other = app.user();
    app.register(u.accessToken(), "android", "fcm", "outbox-android-token");
    app.register(u.accessToken(), "ios", "apns", "e".repeat(64));
    node.get().push().service().push(u.id(), "new_follower", "New follower", "Ann follows you",
      new JsonObject().put("userId", 5));
    JsonArray messages = Await.value(10_000, () -> outbox(u.accessToken()), m -> m.size() == 2);
    assertThat(messages).as("one per device").hasSize(2);
    JsonObject first = messages.getJsonObject(0);
    assertThat(first.getString("kind")).isEqualTo("new_follower");
    assertThat(first.getString("title")).isEqualTo("New follower");
    assertThat(first.getString("body")).isEqualTo("Ann follows you");
    assertThat(first.getJsonObject("data").getInteger("userId")).isEqualTo(5);
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("token")))
      .containsExactlyInAnyOrder("outbox-android-token", "e".repeat(64));
    assertThat(outbox(other.accessToken())).as("another user's outbox").isEmpty();
  }

  @Test
  @DisplayName("A user with no devices gets nothing, and push never throws, even for an unknown user")
  void noDevicesNoPush() {
    TestUser none = app.user();
    TestUser u = app.user();
    node.get().push().service().push(none.id(), "gift", "A gift", "x", null);
    node.get().push().service().push(Long.MAX_VALUE, "gift", "A gift", "x", null);
    app.register(u.accessToken(), "android", "fcm", "marker-token");
    node.get().push().service().push(u.id(), "marker", "Marker", "x", null);
    JsonArray messages = Await.value(10_000, () -> outbox(u.accessToken()), m -> !m.isEmpty());
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("kind"))).containsExactly("marker");
    assertThat(outbox(none.accessToken())).isEmpty();
  }

  @Test
  @DisplayName("The export lists the user's devices only; erasure deletes them and leaves other users' devices")
  void exportAndErase() {
    TestUser u = app.user();
    TestUser other = app.user();
    app.register(u.accessToken(), "android", "fcm", "export-token");
    app.register(other.accessToken(), "android", "fcm", "other-token");
    CollectedExport out = new CollectedExport();
    RewardFixtures.await(source().export(u.id(), out));
    assertThat(out.categories.keySet()).containsExactlyElementsOf(source().categories());
    JsonArray devices = (JsonArray) out.categories.get("pushDevices");
    assertThat(devices).hasSize(1);
    assertThat(devices.getJsonObject(0).getString("token")).isEqualTo("export-token");
    assertThat(devices.getJsonObject(0).getString("platform")).isEqualTo("android");
    RewardFixtures.await(node.get().pool().withTransaction(tx -> source().erase(tx, u.id(), ErasureMode.DELETE)));
    assertThat(app.devices(u.accessToken())).isEmpty();
    assertThat(app.devices(other.accessToken())).hasSize(1);
  }

  private JsonArray outbox(String accessToken) {
    TestHttp.Response r = node.http().get("/api/v1/dev/push-outbox", accessToken);
    assertThat(r.status()).as("outbox: %s", r).isEqualTo(200);
    return r.json().getJsonArray("messages");
  }

  private static PersonalDataSource source() {
    return node.get().push().personalData().get(0);
  }

}
