package io.liveroom.notification;

import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The notification inbox: a follow arrives in the inbox and live on the personal channel; read, delete, paging, settings and blocks")
class NotificationInboxTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private NotificationFixtures app;

  @BeforeEach
  void fixtures() {
    app = new NotificationFixtures(node.get());
  }

  @Test
  @DisplayName("A follow puts a new_follower item in the followee's inbox and publishes it live on their personal channel")
  void followArrivesLive() {
    Member star = app.user("star");
    Member fan = app.user("fan");
    try (TestSocket ws = node.socket()) {
      String personal = ws.connect(star.token()).getJsonObject("subs").fieldNames().iterator().next();
      app.follow(fan, star);
      JsonObject live = ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub")
        && "notification".equals(p.getJsonObject("pub").getJsonObject("data").getString("type")))
        .getJsonObject("pub").getJsonObject("data").getJsonObject("notification");
      assertThat(live.getString("kind")).isEqualTo("new_follower");
      assertThat(live.getJsonObject("actor").getLong("id")).isEqualTo(fan.id());
      assertThat(live.getJsonObject("actor").getString("nickname")).isEqualTo("fan");
      assertThat(live.getBoolean("read")).isFalse();

      JsonArray items = app.inbox(star, "").getJsonArray("items");
      assertThat(items).hasSize(1);
      assertThat(items.getJsonObject(0).getLong("id")).isEqualTo(live.getLong("id"));
      assertThat(items.getJsonObject(0).getString("subject")).isEqualTo("user/" + fan.id());
      assertThat(app.inbox(fan, "").getJsonArray("items")).as("the follower is not notified").isEmpty();
    }
  }

  @Test
  @DisplayName("Following again after an unfollow does not notify twice (one item per follower)")
  void followDedupe() {
    Member star = app.user("star");
    Member fan = app.user("fan");
    app.follow(fan, star);
    app.send("DELETE", "/api/v1/users/" + star.id() + "/follow", fan);
    app.follow(fan, star);
    assertThat(app.inbox(star, "").getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("With new_follower's inbox setting off, a follow leaves the inbox empty and publishes nothing")
  void settingOff() {
    Member star = app.user("star");
    Member fan = app.user("fan");
    Member other = app.user("other");
    TestHttp.Response put = app.putSettings(star, new JsonObject().put("kinds",
      new JsonObject().put("new_follower", new JsonObject().put("inApp", false))));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    assertThat(put.json().getJsonObject("kinds").getJsonObject("new_follower").getBoolean("inApp")).isFalse();
    assertThat(put.json().getJsonObject("kinds").getJsonObject("new_follower").getBoolean("push")).isTrue();
    try (TestSocket ws = node.socket()) {
      String personal = ws.connect(star.token()).getJsonObject("subs").fieldNames().iterator().next();
      app.follow(fan, star);
      // A gift item delivered after the follow arrives first: nothing was published for the follow.
      app.notify(star, NotificationKinds.GIFT_RECEIVED, other, "gift/1");
      JsonObject first = ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub"))
        .getJsonObject("pub").getJsonObject("data").getJsonObject("notification");
      assertThat(first.getString("kind")).isEqualTo("gift_received");
    }
    JsonArray items = app.inbox(star, "").getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("kind")).isEqualTo("gift_received");
  }

  @Test
  @DisplayName("Unread count falls as items are marked read, one and then all; another user's item is not found")
  void markRead() {
    Member me = app.user("me");
    Member a = app.user("a");
    Member b = app.user("b");
    for (int i = 0; i < 3; i++) {
      app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/" + i);
    }
    app.notify(b, NotificationKinds.GIFT_RECEIVED, a, "gift/9");
    assertThat(app.unread(me)).isEqualTo(3);
    long first = app.inbox(me, "").getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(app.send("POST", "/api/v1/me/notifications/" + first + "/read", me).status()).isEqualTo(204);
    assertThat(app.unread(me)).isEqualTo(2);
    assertThat(app.inbox(me, "").getJsonArray("items").getJsonObject(0).getBoolean("read")).isTrue();
    long theirs = app.inbox(b, "").getJsonArray("items").getJsonObject(0).getLong("id");
    TestHttp.Response foreign = app.send("POST", "/api/v1/me/notifications/" + theirs + "/read", me);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().getString("code")).isEqualTo("notification_not_found");
    TestHttp.Response all = app.send("POST", "/api/v1/me/notifications/read-all", me);
    assertThat(all.json().getInteger("marked")).isEqualTo(2);
    assertThat(app.unread(me)).isZero();
    assertThat(app.unread(b)).as("another user's items stay unread").isEqualTo(1);
  }

  @Test
  @DisplayName("Deleting an item removes it from the inbox; deleting it again, or another user's, is 404")
  void delete() {
    Member me = app.user("me");
    Member a = app.user("a");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/1");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/2");
    long newest = app.inbox(me, "").getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(app.send("DELETE", "/api/v1/me/notifications/" + newest, me).status()).isEqualTo(204);
    assertThat(app.send("DELETE", "/api/v1/me/notifications/" + newest, me).status()).isEqualTo(404);
    JsonArray left = app.inbox(me, "").getJsonArray("items");
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getLong("id")).isNotEqualTo(newest);
    assertThat(app.send("DELETE", "/api/v1/me/notifications/" + left.getJsonObject(0).getLong("id"), a).status())
      .isEqualTo(404);
    assertThat(app.inbox(me, "").getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("Cursor paging walks the inbox newest first without gaps or repeats; a repeated dedupe key stores once")
  void paging() {
    Member me = app.user("me");
    Member a = app.user("a");
    for (int i = 0; i < 7; i++) {
      app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/" + i);
    }
    app.notify(me, NotificationKinds.GIFT_RECEIVED, a, "gift/3");
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = app.inbox(me, "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getLong("id")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    assertThat(seen).isSortedAccordingTo((x, y) -> Long.compare(y, x));
    assertThat(pages).isEqualTo(3);
  }

  @Test
  @DisplayName("A block either way stops notifications between the two users, and only between them")
  void blockSuppresses() {
    Member me = app.user("me");
    Member blocked = app.user("blocked");
    Member blocker = app.user("blocker");
    Member friend = app.user("friend");
    assertThat(app.send("PUT", "/api/v1/users/" + blocked.id() + "/block", me).status()).isEqualTo(204);
    assertThat(app.send("PUT", "/api/v1/users/" + me.id() + "/block", blocker).status()).isEqualTo(204);
    app.notify(me, NotificationKinds.GIFT_RECEIVED, blocked, "gift/1");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, blocker, "gift/2");
    app.notify(blocked, NotificationKinds.GIFT_RECEIVED, me, "gift/3");
    app.notify(me, NotificationKinds.GIFT_RECEIVED, friend, "gift/4");
    JsonArray items = app.inbox(me, "").getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getJsonObject("actor").getLong("id")).isEqualTo(friend.id());
    assertThat(app.inbox(blocked, "").getJsonArray("items")).isEmpty();
  }
}
