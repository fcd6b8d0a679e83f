package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Media lifecycle: references keep pictures, the sweeper deletes orphans after the grace period, erasure deletes a user's pictures")
class MediaLifecycleTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("media").put("orphanGraceDays", 2)).build();
  private static final MediaHttp media = new MediaHttp(node::httpPort);

  private static JsonObject upload(TestUsers.TestUser user, Map<String, String> fields) {
    MediaHttp.Answer a = media.upload(user.accessToken(), "p.jpg", Pictures.jpeg(80, 60), fields);
    assertThat(a.status()).as("%s", a).isEqualTo(201);
    return a.json();
  }

  private static Path stored(String id) {
    return Path.of(node.get().config().dataDir(), "media", "media", id);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("An unreferenced picture survives the grace period's last day and is deleted after it; a referenced one stays")
  void sweeperDeletesOrphansAfterGrace() throws Exception {
    TestUsers.TestUser user = TestUsers.register(node.http());
    String orphan = upload(user, Map.of()).getString("id");
    String kept = upload(user, Map.of("purpose", "avatar")).getString("id");
    MediaReferences refs = node.get().media().references();
    await(refs.attach(user.id(), UUID.fromString(kept), "avatar", Long.toString(user.id()), true));

    CLOCK.advance(Duration.ofDays(1));
    await(node.get().privacy().runHousekeeping());
    assertThat(Files.exists(stored(orphan).resolve("original"))).as("orphan within the grace period").isTrue();

    CLOCK.advance(Duration.ofDays(1).plusHours(1));
    JsonObject report = await(node.get().privacy().runHousekeeping());
    assertThat(report.getInteger("media_orphans")).isGreaterThanOrEqualTo(1);
    assertThat(Files.exists(stored(orphan))).as("orphan after the grace period").isFalse();
    assertThat(media.get("/api/v1/media/" + orphan, user.accessToken()).status()).isEqualTo(404);
    assertThat(Files.exists(stored(kept).resolve("original"))).as("referenced picture").isTrue();
    assertThat(media.get("/media/" + kept + "/thumb").status()).isEqualTo(200);

    // Replacing the avatar releases the old picture: it is swept once the grace period has passed.
    String next = upload(user, Map.of("purpose", "avatar")).getString("id");
    await(refs.attach(user.id(), UUID.fromString(next), "avatar", Long.toString(user.id()), true));
    assertThat(media.get("/api/v1/media/" + kept, user.accessToken()).json().getJsonArray("referencedBy")).isEmpty();
    CLOCK.advance(Duration.ofDays(3));
    await(node.get().privacy().runHousekeeping());
    assertThat(Files.exists(stored(kept))).isFalse();
    assertThat(Files.exists(stored(next).resolve("thumb"))).isTrue();
  }

  @Test
  @DisplayName("PATCH /me with avatarMediaId makes the picture public and the avatar; a plain avatarUrl releases it")
  void avatarFromUpload() {
    TestUsers.TestUser user = TestUsers.register(node.http());
    String id = upload(user, Map.of("purpose", "avatar", "visibility", "private")).getString("id");
    assertThat(media.get("/media/" + id + "/medium").status()).as("private before").isEqualTo(404);
    io.liveroom.support.TestHttp.Response patched = node.http().send("PATCH", "/api/v1/me",
      new JsonObject().put("avatarMediaId", id).encode(), Map.of("Authorization", "Bearer " + user.accessToken()));
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    assertThat(patched.json().getString("avatarUrl")).isEqualTo("/media/" + id + "/medium");
    assertThat(media.get("/media/" + id + "/medium").status()).isEqualTo(200);
    assertThat(media.get("/api/v1/media/" + id, user.accessToken()).json().getJsonArray("referencedBy").getList())
      .containsExactly("avatar/" + user.id());

    TestUsers.TestUser other = TestUsers.register(node.http());
    io.liveroom.support.TestHttp.Response stolen = node.http().send("PATCH", "/api/v1/me",
      new JsonObject().put("avatarMediaId", id).encode(), Map.of("Authorization", "Bearer " + other.accessToken()));
    assertThat(stolen.json().getString("code")).as("another user's picture").isEqualTo("media_not_found");

    node.http().send("PATCH", "/api/v1/me", new JsonObject().put("avatarUrl", "https://cdn.example.com/a.png").encode(),
      Map.of("Authorization", "Bearer " + user.accessToken()));
    assertThat(media.get("/api/v1/media/" + id, user.accessToken()).json().getJsonArray("referencedBy")).isEmpty();
  }

  @Test
  @DisplayName("A room created with coverMediaId gets the public picture as its cover, referenced by the room")
  void roomCoverFromUpload() {
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    String id = upload(host, Map.of("purpose", "cover", "visibility", "private")).getString("id");
    io.liveroom.support.TestHttp.Response created = node.http().post("/api/v1/rooms", new JsonObject()
      .put("title", "Covered").put("category", "music").put("coverMediaId", id), host.accessToken());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonObject room = created.json().getJsonObject("room");
    assertThat(room.getString("coverUrl")).isEqualTo("/media/" + id + "/medium");
    assertThat(media.get(room.getString("coverUrl")).status()).isEqualTo(200);
    assertThat(media.get("/api/v1/media/" + id, host.accessToken()).json().getJsonArray("referencedBy").getList())
      .containsExactly("cover/" + room.getLong("id"));
  }

  @Test
  @DisplayName("The host changes a room's cover later (PATCH with coverMediaId): the old picture is released and swept, a plain URL releases the new one")
  void roomCoverChanged() throws Exception {
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    String first = upload(host, Map.of("purpose", "cover")).getString("id");
    io.liveroom.support.TestHttp.Response created = node.http().post("/api/v1/rooms", new JsonObject()
      .put("title", "Recovered").put("category", "music").put("coverMediaId", first), host.accessToken());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    String second = upload(host, Map.of("purpose", "cover", "visibility", "private")).getString("id");
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + host.accessToken());

    TestUsers.TestUser stranger = TestUsers.register(node.http());
    io.liveroom.support.TestHttp.Response refused = node.http().send("PATCH", "/api/v1/rooms/" + roomId,
      new JsonObject().put("coverMediaId", second).encode(), Map.of("Authorization", "Bearer " + stranger.accessToken()));
    assertThat(refused.status()).as("not the host: %s", refused).isEqualTo(403);

    io.liveroom.support.TestHttp.Response patched = node.http().send("PATCH", "/api/v1/rooms/" + roomId,
      new JsonObject().put("coverMediaId", second).encode(), bearer);
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    assertThat(patched.json().getString("coverUrl")).isEqualTo("/media/" + second + "/medium");
    assertThat(media.get("/media/" + second + "/medium").status()).as("made public").isEqualTo(200);
    assertThat(node.http().get("/api/v1/rooms/" + roomId, host.accessToken()).json().getString("coverUrl"))
      .isEqualTo("/media/" + second + "/medium");
    assertThat(media.get("/api/v1/media/" + second, host.accessToken()).json().getJsonArray("referencedBy").getList())
      .containsExactly("cover/" + roomId);
    assertThat(media.get("/api/v1/media/" + first, host.accessToken()).json().getJsonArray("referencedBy")).isEmpty();

    CLOCK.advance(Duration.ofDays(3));
    await(node.get().privacy().runHousekeeping());
    assertThat(Files.exists(stored(first))).as("old cover swept after the grace period").isFalse();
    assertThat(Files.exists(stored(second).resolve("medium"))).as("new cover kept").isTrue();

    io.liveroom.support.TestHttp.Response plain = node.http().send("PATCH", "/api/v1/rooms/" + roomId,
      new JsonObject().put("coverUrl", "https://cdn.example.com/c.png").encode(), bearer);
    assertThat(plain.json().getString("coverUrl")).isEqualTo("https://cdn.example.com/c.png");
    assertThat(media.get("/api/v1/media/" + second, host.accessToken()).json().getJsonArray("referencedBy")).isEmpty();
    io.liveroom.support.TestHttp.Response neither = node.http().send("PATCH", "/api/v1/rooms/" + roomId, "{}", bearer);
    assertThat(neither.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("A picture is reported by its id; a moderator's remove_media takes it down: its public URL stops serving it")
  void reportedPictureTakenDown() {
    TestUsers.TestUser owner = TestUsers.register(node.http());
    TestUsers.TestUser reporter = TestUsers.register(node.http());
    TestUsers.TestUser moderator = TestUsers.register(node.http());
    TestUsers.setRole(moderator.id(), io.liveroom.auth.Role.MODERATOR);
    String id = upload(owner, Map.of("purpose", "cover")).getString("id");
    assertThat(media.get("/media/" + id + "/thumb").status()).isEqualTo(200);

    io.liveroom.support.TestHttp.Response filed = node.http().post("/api/v1/reports",
      new JsonObject().put("mediaId", id).put("reason", "sexual"), reporter.accessToken());
    assertThat(filed.status()).as("%s", filed).isEqualTo(201);
    assertThat(filed.json().getLong("targetUserId")).isEqualTo(owner.id());
    assertThat(filed.json().getString("mediaId")).isEqualTo(id);
    String modToken = node.get().accessTokens().issue(moderator.id(), io.liveroom.auth.Role.MODERATOR, "s-" + moderator.id());
    io.liveroom.support.TestHttp.Response resolved = node.http().post("/api/v1/moderation/reports/"
      + filed.json().getLong("id") + "/resolution", new JsonObject().put("action", "remove_media"), modToken);
    assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
    assertThat(media.get("/media/" + id + "/thumb").status()).isEqualTo(404);
    assertThat(media.get("/api/v1/media/" + id, owner.accessToken()).json().getString("moderation")).isEqualTo("rejected");
    assertThat(node.http().post("/api/v1/reports", new JsonObject().put("mediaId", UUID.randomUUID().toString())
      .put("reason", "spam"), reporter.accessToken()).json().getString("code")).isEqualTo("report_target_not_found");
  }

  @Test
  @DisplayName("A referenced picture cannot be deleted by its owner (409); once released it can (204), and its files go")
  void deleteOwn() throws Exception {
    TestUsers.TestUser user = TestUsers.register(node.http());
    String id = upload(user, Map.of("purpose", "avatar")).getString("id");
    await(node.get().media().references().attach(user.id(), UUID.fromString(id), "avatar", "x" + user.id(), true));
    MediaHttp.Answer refused = media.delete("/api/v1/media/" + id, user.accessToken());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("media_not_usable");
    await(node.get().media().references().detach("avatar", "x" + user.id()));
    assertThat(media.delete("/api/v1/media/" + id, user.accessToken()).status()).isEqualTo(204);
    assertThat(Files.exists(stored(id))).isFalse();
  }

  @Test
  @DisplayName("Erasure deletes the user's pictures from storage and the database; the export listed them with working links")
  void erasureDeletesFiles() throws Exception {
    TestUsers.TestUser user = TestUsers.register(node.http());
    TestUsers.TestUser other = TestUsers.register(node.http());
    String mine = upload(user, Map.of()).getString("id");
    String avatar = upload(user, Map.of("purpose", "avatar")).getString("id");
    String theirs = upload(other, Map.of()).getString("id");
    await(node.get().media().references().attach(user.id(), UUID.fromString(avatar), "avatar", Long.toString(user.id()),
      true));

    ExportCheck.assertExportLists(node, media, user, mine, avatar);

    await(node.get().pool().preparedQuery("""
      INSERT INTO account_cancellations (user_id, status, requested_at, requested_by, erase_after, previous_status)
      VALUES ($1, 'pending', now() - interval '31 days', $1, now() - interval '1 day', 'active')""")
      .execute(Tuple.of(user.id())));
    JsonObject report = await(node.get().privacy().runHousekeeping());
    assertThat(report.getInteger("erased")).isGreaterThanOrEqualTo(1);
    assertThat(Files.exists(stored(mine))).isFalse();
    assertThat(Files.exists(stored(avatar))).isFalse();
    assertThat(media.get("/media/" + avatar + "/thumb").status()).isEqualTo(404);
    assertThat(await(node.get().pool().preparedQuery("SELECT count(*) FROM media_objects WHERE owner_id = $1")
      .execute(Tuple.of(user.id()))).iterator().next().getLong(0)).isZero();
    assertThat(Files.exists(stored(theirs).resolve("original"))).as("another user's picture").isTrue();
  }
}
