package io.liveroom.notification;

import io.liveroom.Node;
import io.liveroom.jobs.JobStatus;
import io.liveroom.support.Await;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.liveroom.notification.FanoutFixture.followers;
import static io.liveroom.notification.FanoutFixture.host;
import static io.liveroom.notification.FanoutFixture.queryLong;
import static io.liveroom.notification.FanoutFixture.queryString;
import static io.liveroom.notification.FanoutFixture.room;
import static io.liveroom.notification.FanoutFixture.rows;
import static io.liveroom.notification.FanoutFixture.start;
import static io.liveroom.notification.FanoutFixture.status;
import static io.liveroom.notification.FanoutFixture.token;
import static io.liveroom.notification.FanoutFixture.users;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The going-live fan-out survives its node dying mid-job: another node resumes it after the lease expires")
class GoingLiveKillTest {
  private static final int FOLLOWERS = 20_000;
  private static final int LEASE_SECONDS = 3;

  @RegisterExtension
  final NodesPerTest nodes = new NodesPerTest();
  private Node doomed;

  /** A short lease, so the survivor takes over within seconds; 500 rows per step, so the job has 40 steps. */
  private static final Consumer<JsonObject> CONFIG = json -> json.put("jobs", json.getJsonObject("jobs")
    .put("leaseSeconds", LEASE_SECONDS).put("pollIntervalMillis", 100).put("fanout", new JsonObject().put("batchSize", 500)));

  @AfterEach
  void closeDoomed() {
    if (doomed != null) {
      doomed.vertx().close();
    }
  }

  @Test
  @DisplayName("A node killed after 5,000 of 20,000 followers (its Vert.x closed, its lease never released): the other node resumes from the saved cursor, and every follower has exactly one row")
  void resumesAfterKill() {
    long hostId = host("big-host");
    followers(hostId, FOLLOWERS);
    // Started outside NodesPerTest: this node is killed, never stopped.
    doomed = TestNodes.start(CONFIG);
    AtomicLong delivered = new AtomicLong();
    AtomicReference<Future<Void>> killed = new AtomicReference<>();
    // The kill comes from the fan-out's own delivery hook, so it lands mid-job on any machine speed:
    // Vert.x closes under the running job, nothing stops the capability or releases the lease.
    doomed.notifications().deliverGoingLiveWith((live, userIds) -> {
      if (delivered.addAndGet(userIds.size()) >= 5_000 && killed.get() == null) {
        killed.set(doomed.vertx().close());
      }
    });
    TestHttp http = new TestHttp(doomed.httpPort());
    String hostToken = token(doomed, hostId);
    long session = start(http, hostToken, room(http, hostToken));
    Await.until("the doomed node's Vert.x is closed", 60, () -> killed.get() != null && killed.get().isComplete());
    long beforeResume = rows(session);
    assertThat(beforeResume).as("the job stopped part way").isBetween(5_000L, (long) FOLLOWERS - 1);
    assertThat(queryString("SELECT locked_by FROM jobs WHERE dedupe_key = ?", "live/" + session))
      .as("the dead node still holds the lease").isEqualTo(doomed.config().nodeId());

    Node survivor = nodes.start(CONFIG);
    JobStatus done = Await.value(60_000, () -> status(survivor, session), s -> "done".equals(s.state()));

    assertThat(done.state()).isEqualTo("done");
    assertThat(done.attempts()).as("claimed by the dead node, then by the survivor").isEqualTo(2);
    assertThat(rows(session)).as("rows").isEqualTo(FOLLOWERS);
    assertThat(users(session)).as("distinct followers").isEqualTo(FOLLOWERS);
    assertThat(done.cursor().getLong("notified")).as("rows the committed batches inserted").isEqualTo(FOLLOWERS);
    assertThat(queryLong("SELECT count(*) FROM follows f WHERE f.followee_id = ? AND NOT EXISTS (SELECT 1"
      + " FROM notifications n WHERE n.user_id = f.follower_id AND n.dedupe_key = ?)", hostId, "live/" + session))
      .as("followers without a row").isZero();
  }
}
