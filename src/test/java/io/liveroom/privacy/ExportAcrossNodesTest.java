package io.liveroom.privacy;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.liveroom.privacy.PrivacyFixtures.chat;
import static io.liveroom.privacy.PrivacyFixtures.room;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Export documents live where every node reaches them: built on one node, served and expired by another")
class ExportAcrossNodesTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  // Each node has a data.dir of its own, as two hosts would; they share PostgreSQL, Redis and the
  // secret that signs download links.
  private static Path dirA;
  private static Path dirB;
  @RegisterExtension
  @Order(1)
  static final LiveNode nodeA = LiveNode.builder().clock(CLOCK).beforeStart(ExportAcrossNodesTest::dataDirs)
    .config(json -> json.getJsonObject("data").put("dir", dirA.toString())).build();
  @RegisterExtension
  @Order(2)
  static final LiveNode nodeB = LiveNode.builder().keepData().clock(CLOCK)
    .config(json -> json.getJsonObject("data").put("dir", dirB.toString())).build();
  private static final TestHttp httpA = nodeA.http();
  private static final TestHttp httpB = nodeB.http();

  private static void dataDirs() throws IOException {
    dirA = Files.createTempDirectory("liveroom-node-a");
    dirB = Files.createTempDirectory("liveroom-node-b");
  }

  @Test
  @DisplayName("An export built on node A downloads identically through node B, and node B's expiry job deletes it")
  void builtOnAServedAndExpiredByB() {
    TestUser erin = TestUsers.register(httpA);
    long room = room(erin.id(), "room of erin");
    // Enough rows for a document of several chunks.
    update("""
      INSERT INTO chat_messages (id, room_id, sender_id, text, sent_at)
      SELECT 8000000000 + g, ?, ?, 'line ' || g || ' of erin', now() FROM generate_series(1, 12000) g""", room, erin.id());
    chat(room, erin.id(), "the last word of erin");

    List<Path> filesBefore = filesUnder(dirA, dirB);
    TestHttp.Response started = httpA.post("/api/v1/me/exports", new JsonObject(), erin.accessToken());
    assertThat(started.status()).as("start on A: %s", started).isEqualTo(202);
    String id = started.json().getString("id");
    JsonObject ready = awaitReady(httpA, id, erin.accessToken());
    assertThat(ready.getString("status")).isEqualTo("ready");

    TestHttp.Response fromA = httpA.get(ready.getString("downloadUrl"));
    TestHttp.Response fromB = httpB.get(ready.getString("downloadUrl"));
    assertThat(fromB.status()).as("download through B: %s", fromB.status()).isEqualTo(200);
    assertThat(fromA.status()).isEqualTo(200);
    assertThat(fromB.body()).isEqualTo(fromA.body());
    assertThat(fromB.body().length()).isEqualTo(ready.getLong("sizeBytes").intValue());
    assertThat(fromB.json().getJsonObject("categories").getJsonArray("chatMessages")).hasSize(12_001);
    assertThat(fromB.header("Cache-Control")).isEqualTo("no-store");
    assertThat(PrivacyFixtures.count("SELECT count(*) FROM data_export_chunks WHERE export_id = ?::uuid", id))
      .as("a document of several chunks").isGreaterThan(1);
    assertThat(filesUnder(dirA, dirB)).as("no file written for the export on either node's disk")
      .containsExactlyInAnyOrderElementsOf(filesBefore);

    CLOCK.advance(Duration.ofHours(73));
    JsonObject run = PrivacyFixtures.await(nodeB.get().privacy().runHousekeeping());
    assertThat(run.getInteger("exportsExpired")).isEqualTo(1);
    assertThat(PrivacyFixtures.value("SELECT status FROM data_exports WHERE id = ?::uuid", id)).isEqualTo("expired");
    assertThat(PrivacyFixtures.count("SELECT count(*) FROM data_export_chunks WHERE export_id = ?::uuid", id))
      .as("the document is gone").isZero();
    assertThat(httpA.get(ready.getString("downloadUrl")).status()).isEqualTo(410);
    assertThat(httpB.get(ready.getString("downloadUrl")).status()).isEqualTo(410);
  }

  static JsonObject awaitReady(TestHttp http, String exportId, String token) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      TestHttp.Response r = http.get("/api/v1/me/exports/" + exportId, token);
      assertThat(r.status()).as("status: %s", r).isEqualTo(200);
      if (!"pending".equals(r.json().getString("status"))) {
        return r.json();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("export not ready in time");
  }

  /** Every file and directory under the nodes' data directories. */
  private static List<Path> filesUnder(Path... dirs) {
    List<Path> found = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }
}
