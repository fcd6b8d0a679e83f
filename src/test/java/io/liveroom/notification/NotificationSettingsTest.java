package io.liveroom.notification;

import io.liveroom.support.CollectedExport;
import io.liveroom.support.Members.Member;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification settings, muted hosts, export, erasure and retention")
class NotificationSettingsTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private NotificationFixtures app;

  @BeforeEach
  void fixtures() {
    app = new NotificationFixtures(node.get());
  }

  @Test
  @DisplayName("Settings list every kind on by default; a change keeps the other flag; quiet hours are set and cleared")
  void settings() {
    Member me = app.user("me");
    JsonObject initial = app.http.get("/api/v1/me/notification-settings", me.token()).json();
    assertThat(initial.getJsonObject("kinds").fieldNames()).containsExactlyInAnyOrderElementsOf(NotificationKinds.ALL);
    assertThat(initial.getValue("quietHours")).isNull();
    JsonObject quiet = new JsonObject().put("start", "22:30").put("end", "07:00").put("timeZone", "Asia/Shanghai");
    TestHttp.Response put = app.putSettings(me, new JsonObject().put("quietHours", quiet)
      .put("kinds", new JsonObject().put("gift_received", new JsonObject().put("push", false))));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    JsonObject now = app.http.get("/api/v1/me/notification-settings", me.token()).json();
    assertThat(now.getJsonObject("quietHours")).isEqualTo(quiet);
    assertThat(now.getJsonObject("kinds").getJsonObject("gift_received"))
      .isEqualTo(new JsonObject().put("inApp", true).put("push", false));
    app.putSettings(me, new JsonObject().put("kinds", new JsonObject().put("gift_received", new JsonObject().put("inApp", false))));
    app.putSettings(me, new JsonObject().putNull("quietHours"));
    now = app.http.get("/api/v1/me/notification-settings", me.token()).json();
    assertThat(now.getJsonObject("kinds").getJsonObject("gift_received"))
      .isEqualTo(new JsonObject().put("inApp", false).put("push", false));
    assertThat(now.getValue("quietHours")).isNull();
  }

  @Test
  @DisplayName("An unknown kind, a bad clock time or a time zone that is not IANA is a 400 with field errors, and changes nothing")
  void validation() {
    Member me = app.user("me");
    TestHttp.Response bad = app.putSettings(me, new JsonObject()
      .put("kinds", new JsonObject().put("nope", new JsonObject().put("push", false))
        .put("new_follower", new JsonObject().put("push", false)))
      .put("quietHours", new JsonObject().put("start", "25:00").put("end", "07:00").put("timeZone", "GMT+8")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("kinds.nope", "quietHours.start", "quietHours.timeZone");
    JsonObject now = app.http.get("/api/v1/me/notification-settings", me.token()).json();
    assertThat(now.getJsonObject("kinds").getJsonObject("new_follower").getBoolean("push")).isTrue();
  }

  @Test
  @DisplayName("A muted host's going-live notices are dropped, others' still arrive; unmuting restores them; muting oneself is refused")
  void mute() {
    Member me = app.user("me");
    Member loud = app.user("loud");
    Member quiet = app.user("quietone");
    assertThat(app.send("PUT", "/api/v1/users/" + loud.id() + "/notifications-mute", me).status()).isEqualTo(204);
    assertThat(app.send("PUT", "/api/v1/users/" + loud.id() + "/notifications-mute", me).status()).isEqualTo(204);
    TestHttp.Response self = app.send("PUT", "/api/v1/users/" + me.id() + "/notifications-mute", me);
    assertThat(self.json().getString("code")).isEqualTo("mute_self");
    assertThat(app.send("PUT", "/api/v1/users/999999/notifications-mute", me).status()).isEqualTo(404);
    JsonArray muted = app.http.get("/api/v1/me/notification-mutes", me.token()).json().getJsonArray("items");
    assertThat(muted).hasSize(1);
    assertThat(muted.getJsonObject(0).getJsonObject("user").getString("nickname")).isEqualTo("loud");

    app.notify(me, NotificationKinds.GOING_LIVE, loud, "live/1");
    app.notify(me, NotificationKinds.GOING_LIVE, quiet, "live/2");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, loud, "gift/1");
    JsonArray items = app.inbox(me, "").getJsonArray("items");
    assertThat(items).extracting(o -> ((JsonObject) o).getString("kind") + "/" + ((JsonObject) o).getJsonObject("actor").getLong("id"))
      .containsExactlyInAnyOrder("going_live/" + quiet.id(), "gift_received/" + loud.id());

    assertThat(app.send("DELETE", "/api/v1/users/" + loud.id() + "/notifications-mute", me).status()).isEqualTo(204);
    app.notify(me, NotificationKinds.GOING_LIVE, loud, "live/3");
    assertThat(app.inbox(me, "").getJsonArray("items")).hasSize(3);
  }


  private PersonalDataSource source() {
    return node.get().notifications().personalData().get(0);
  }

  @Test
  @DisplayName("The export holds the user's items (actor as an id), settings, quiet hours and mutes, and no one else's")
  void export() {
    Member me = app.user("me");
    Member a = app.user("a");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/1");
    app.notify(a, NotificationKinds.GIFT_RECEIVED, me, "gift/2");
    app.putSettings(me, new JsonObject().put("kinds", new JsonObject().put("post_like", new JsonObject().put("push", false)))
      .put("quietHours", new JsonObject().put("start", "23:00").put("end", "06:00").put("timeZone", "Europe/Berlin")));
    app.send("PUT", "/api/v1/users/" + a.id() + "/notifications-mute", me);
    CollectedExport out = new CollectedExport();
    RewardFixtures.await(source().export(me.id(), out));
    assertThat(out.categories.keySet()).containsExactlyElementsOf(source().categories());
    JsonArray items = (JsonArray) out.categories.get("notifications");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getLong("actorId")).isEqualTo(a.id());
    assertThat(items.getJsonObject(0).getString("kind")).isEqualTo("gift_received");
    assertThat(((JsonArray) out.categories.get("notificationSettings")).getJsonObject(0).getString("kind")).isEqualTo("post_like");
    assertThat(((JsonObject) out.categories.get("notificationQuietHours")).getInteger("startMinute")).isEqualTo(23 * 60);
    assertThat(((JsonArray) out.categories.get("notificationMutedHosts")).getJsonObject(0).getLong("hostId")).isEqualTo(a.id());
  }

  @Test
  @DisplayName("Erasure deletes the user's inbox, settings and mutes, and leaves others' items without the erased actor")
  void erasure() {
    Member gone = app.user("gone");
    Member other = app.user("other");
    app.notify(gone, NotificationKinds.GIFT_RECEIVED, other, "gift/1");
    app.notify(other, NotificationKinds.NEW_FOLLOWER, gone, "follower/1");
    app.send("PUT", "/api/v1/users/" + gone.id() + "/notifications-mute", other);
    app.putSettings(gone, new JsonObject().put("kinds", new JsonObject().put("post_like", new JsonObject().put("push", false)))
      .put("quietHours", new JsonObject().put("start", "23:00").put("end", "06:00").put("timeZone", "Europe/Berlin")));

    RewardFixtures.await(node.get().pool().withTransaction(tx -> source().erase(tx, gone.id(), ErasureMode.DELETE)));

    for (String table : List.of("notifications WHERE user_id = ? OR actor_id = ?",
      "notification_settings WHERE user_id = ? OR user_id = ?", "notification_quiet_hours WHERE user_id = ? OR user_id = ?",
      "notification_muted_hosts WHERE user_id = ? OR host_id = ?")) {
      assertThat(NotificationFixtures.count("SELECT count(*) FROM " + table, gone.id(), gone.id())).as(table).isZero();
    }
    JsonObject kept = app.inbox(other, "").getJsonArray("items").getJsonObject(0);
    assertThat(kept.getString("kind")).isEqualTo("new_follower");
    assertThat(kept.getValue("actor")).isNull();
    assertThat(kept.encode()).doesNotContain("gone");
  }

  @Test
  @DisplayName("The privacy scheduler purges items older than notifications.retentionDays and keeps newer ones")
  void retention() {
    Member me = app.user("me");
    Member a = app.user("a");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/old");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/new");
    int days = node.get().config().notifications().retentionDays();
    NotificationFixtures.sql("UPDATE notifications SET created_at = now() - make_interval(days => ?) WHERE dedupe_key = 'gift/old'",
      days + 1);
    RewardFixtures.await(node.get().privacy().runHousekeeping());
    JsonArray items = app.inbox(me, "").getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(NotificationFixtures.count("SELECT count(*) FROM notifications WHERE dedupe_key = 'gift/new'")).isEqualTo(1);
  }
}
