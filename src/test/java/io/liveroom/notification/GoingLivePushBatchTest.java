package io.liveroom.notification;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.notification.FanoutFixture.devices;
import static io.liveroom.notification.FanoutFixture.followers;
import static io.liveroom.notification.FanoutFixture.host;
import static io.liveroom.notification.FanoutFixture.room;
import static io.liveroom.notification.FanoutFixture.rows;
import static io.liveroom.notification.FanoutFixture.start;
import static io.liveroom.notification.FanoutFixture.status;
import static io.liveroom.notification.FanoutFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A going-live batch's pushes are looked up for the whole batch at once. With one device lookup per
 * follower, a 12,000-follower batch put 12,000 queries on the node's PostgreSQL pool at once: more
 * than its wait queue holds (10,000), so the pushes of the last ones were lost, and every other
 * request of the node (chat's block check among them) queued behind them.
 */
@DisplayName("Going live to a big batch: the batch's devices are read in one query, so every follower with a device is pushed")
class GoingLivePushBatchTest {
  private static final int FOLLOWERS = 12_000;
  private static final int EVERY = 100;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.put("jobs", json.getJsonObject("jobs")
    .put("pollIntervalMillis", 100).put("fanout", new JsonObject().put("batchSize", FOLLOWERS)))).build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("One batch of 12,000 followers, one in a hundred with a phone: each of those phones gets the going_live push")
  void everyDevicePushed() {
    long hostId = host("host-big");
    long first = followers(hostId, FOLLOWERS);
    devices(first, first + FOLLOWERS - 1, EVERY);
    String hostToken = token(node.get(), hostId);
    long roomId = room(http, hostToken);

    long session = start(http, hostToken, roomId);

    Await.value(60_000, () -> status(node.get(), session), s -> s != null && "done".equals(s.state()));
    assertThat(rows(session)).isEqualTo(FOLLOWERS);
    List<Long> missing = Await.value(30_000, () -> unpushed(first), List::isEmpty);
    assertThat(missing).as("followers whose phone got no going_live push").isEmpty();
  }

  /** The followers with a device whose dev outbox holds no going_live push yet. */
  private static List<Long> unpushed(long first) {
    List<Long> missing = new ArrayList<>();
    for (long u = first; u < first + FOLLOWERS; u += EVERY) {
      JsonArray messages = http.get("/api/v1/dev/push-outbox", token(node.get(), u)).json().getJsonArray("messages");
      if (messages == null || messages.isEmpty() || !"going_live".equals(messages.getJsonObject(0).getString("kind"))) {
        missing.add(u);
      }
    }
    return missing;
  }
}
