package io.liveroom.notification;

import io.liveroom.auth.Role;
import io.liveroom.jobs.JobStatus;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.liveroom.notification.FanoutFixture.followers;
import static io.liveroom.notification.FanoutFixture.host;
import static io.liveroom.notification.FanoutFixture.queryLong;
import static io.liveroom.notification.FanoutFixture.queryString;
import static io.liveroom.notification.FanoutFixture.room;
import static io.liveroom.notification.FanoutFixture.rows;
import static io.liveroom.notification.FanoutFixture.start;
import static io.liveroom.notification.FanoutFixture.status;
import static io.liveroom.notification.FanoutFixture.token;
import static io.liveroom.notification.FanoutFixture.update;
import static io.liveroom.notification.FanoutFixture.users;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Going live: a durable fan-out writes one going_live inbox row per follower and live session")
class GoingLiveFanoutTest {
  /** 100 followers per batch (the smallest batch allowed), so a thousand followers take eleven steps. */
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().config(json -> json.put("jobs", json
    .getJsonObject("jobs").put("pollIntervalMillis", 100).put("fanout", new JsonObject().put("batchSize", 100))))
    .build();
  private static final TestHttp http = node.http();

  private static JobStatus done(long sessionId) {
    return Await.value(30_000, () -> status(node.get(), sessionId), s -> s != null && "done".equals(s.state()));
  }

  @Test
  @DisplayName("Every follower gets exactly one row, in batches; followers who muted the host or turned going_live off get none, nor does a non-follower")
  void everyFollowerOnce() {
    long hostId = host("host-a");
    long first = followers(hostId, 1_050);
    long bystander = followers(host("someone-else"), 1);
    for (long u = first; u < first + 3; u++) {
      FanoutFixture.mute(u, hostId);
    }
    FanoutFixture.goingLiveInApp(first + 3, false);
    FanoutFixture.goingLiveInApp(first + 4, false);
    FanoutFixture.goingLiveInApp(first + 5, true);
    String hostToken = token(node.get(), hostId);
    long roomId = room(http, hostToken);

    long session = start(http, hostToken, roomId);

    JobStatus job = done(session);
    assertThat(rows(session)).isEqualTo(1_045);
    assertThat(users(session)).isEqualTo(1_045);
    assertThat(job.cursor().getLong("notified")).isEqualTo(1_045);
    assertThat(job.attempts()).as("one claim, never failed").isEqualTo(1);
    assertThat(queryLong("SELECT count(*) FROM notifications WHERE user_id = ? OR user_id BETWEEN ? AND ?",
      bystander, first, first + 4)).as("muted, in-app off, and a non-follower").isZero();
    assertThat(queryString("SELECT actor_id || ' ' || subject || ' ' || (payload->>'sessionId') FROM notifications"
      + " WHERE user_id = ?", first + 5)).isEqualTo(hostId + " room/" + roomId + " " + session);
  }

  @Test
  @DisplayName("Starting again in the same session, and the seam firing twice, enqueue nothing; a replayed job adds no row; a new session notifies again")
  void oncePerSession() {
    long hostId = host("host-b");
    followers(hostId, 250);
    String hostToken = token(node.get(), hostId);
    long roomId = room(http, hostToken);
    long session = start(http, hostToken, roomId);
    done(session);

    assertThat(start(http, hostToken, roomId)).as("a repeated start is the same session").isEqualTo(session);
    node.get().notifications().goingLive(roomId, session, hostId);
    Await.until("the repeated enqueue was answered", 10, () -> queryLong("SELECT count(*) FROM jobs"
      + " WHERE kind = 'notification.going_live'") == 1 && "done".equals(status(node.get(), session).state()));
    // The job run again from the start (as if its node died before saving the cursor) adds nothing.
    update("UPDATE jobs SET state = 'pending', cursor = NULL, finished_at = NULL WHERE dedupe_key = ?", "live/" + session);
    node.get().notifications().goingLive(roomId, session, hostId);
    assertThat(done(session).cursor().getLong("notified")).as("the replay inserted no row").isZero();
    assertThat(rows(session)).isEqualTo(250);

    FanoutFixture.end(http, hostToken, roomId);
    long next = start(http, hostToken, roomId);
    assertThat(next).isNotEqualTo(session);
    done(next);
    assertThat(rows(next)).isEqualTo(250);
    assertThat(users(next)).isEqualTo(250);
    assertThat(queryLong("SELECT count(*) FROM notifications WHERE kind = 'going_live'")).isEqualTo(500);
  }
  @Test
  @DisplayName("A follower online when the host goes live gets the going_live item on their personal channel, and a push on their registered device")
  void deliveredLiveAndPushed() {
    long hostId = host("host-live");
    long follower = followers(hostId, 1);
    // A login session's token (devices are bound to the session that registers them).
    String followerToken = node.get().accessTokens().issue(follower, Role.USER, UUID.randomUUID().toString());
    assertThat(http.put("/api/v1/me/devices", new JsonObject().put("platform", "android").put("provider", "fcm")
      .put("token", "t"), token(node.get(), follower)).status()).as("a token without a login session").isEqualTo(403);
    TestHttp.Response registered = http.put("/api/v1/me/devices", new JsonObject().put("platform", "android")
      .put("provider", "fcm").put("token", "fanout-device-" + follower), followerToken);
    assertThat(registered.status()).as("register: %s", registered).isBetween(200, 201);
    String hostToken = token(node.get(), hostId);
    long roomId = room(http, hostToken);
    try (TestSocket ws = node.socket()) {
      String personal = ws.connect(followerToken).getJsonObject("subs").fieldNames().iterator().next();

      long session = start(http, hostToken, roomId);

      JsonObject item = ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub"))
        .getJsonObject("pub").getJsonObject("data").getJsonObject("notification");
      assertThat(item.getString("kind")).isEqualTo("going_live");
      assertThat(item.getString("subject")).isEqualTo("room/" + roomId);
      assertThat(item.getJsonObject("actor").getLong("id")).isEqualTo(hostId);
      assertThat(item.getJsonObject("payload").getLong("sessionId")).isEqualTo(session);
      // The shape docs/PROTOCOL.md gives: one publication per batch, so no inbox id; the host's name while active.
      assertThat(item.getJsonObject("payload").getLong("roomId")).isEqualTo(roomId);
      assertThat(item.containsKey("id")).as("a batch publication carries no inbox id").isFalse();
      assertThat(item.getJsonObject("actor").getString("nickname")).isEqualTo("host-live");
      assertThat(item.getBoolean("read")).isFalse();
      assertThat(item.getString("createdAt")).isNotBlank();
    }
    JsonArray pushed = Await.value(10_000, () -> http.get("/api/v1/dev/push-outbox", followerToken).json()
      .getJsonArray("messages"), m -> !m.isEmpty());
    assertThat(pushed.getJsonObject(0).getString("kind")).isEqualTo("going_live");
    assertThat(pushed.getJsonObject(0).getJsonObject("data").getString("subject")).isEqualTo("room/" + roomId);
  }
}
