package io.liveroom.privacy;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static io.liveroom.privacy.PrivacyFixtures.chat;
import static io.liveroom.privacy.PrivacyFixtures.room;
import static io.liveroom.privacy.PrivacyFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Data export: every category we hold, streamed into PostgreSQL, behind an expiring signed link")
class ExportTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK).build();
  private static final TestHttp http = node.http();

  /** A user with a row in every category that exists on this branch; returns the user. */
  private static TestUser userWithEverything(String tag, long otherUserId) {
    TestUser u = TestUsers.register(http, TestUsers.newPhone(), "nick-" + tag);
    update("UPDATE users SET email = ?, bio = ? WHERE id = ?", tag + "@example.com", "bio of " + tag, u.id());
    PrivacyFixtures.identity(u.id(), "*" + tag);
    update("INSERT INTO guardian_consents (user_id, relation, evidence_ref, recorded_by) VALUES (?, 'parent', ?, 1)",
      u.id(), "ticket-" + tag);
    PrivacyFixtures.grantLocation(http, u.accessToken());
    update("INSERT INTO nearby_visibility (user_id, visible) VALUES (?, true)", u.id());
    long room = room(u.id(), "room of " + tag);
    chat(room, u.id(), "chat text of " + tag);
    update("INSERT INTO room_restrictions (room_id, user_id, kind, created_by) VALUES (?, ?, 'mute', ?)", room, u.id(), u.id());
    update("INSERT INTO room_moderators (room_id, user_id, appointed_by) VALUES (?, ?, ?)", room, u.id(), u.id());
    long giftTx = update("INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('gift', ?) RETURNING id",
      "gift-" + tag + "-" + u.id());
    update("INSERT INTO gift_events (tx_id, sender_id, host_id, room_id, live_session_id, gift_id, gift_count, coins, "
      + "beans, request_id, sender_balance_after) VALUES (?, ?, ?, ?, 1, 7, 3, 30, 15, ?, 70)",
      giftTx, u.id(), u.id(), room, "req-" + tag);
    update("INSERT INTO ai_conversations (user_id, title) VALUES (?, ?)", u.id(), "conversation of " + tag);
    long conversation = PrivacyFixtures.count("SELECT id FROM ai_conversations WHERE user_id = ?", u.id());
    update("INSERT INTO ai_messages (conversation_id, role, content, status, generation_id) "
      + "VALUES (?, 'user', ?, 'complete', gen_random_uuid())", conversation, "ai question of " + tag);
    update("INSERT INTO ai_usage (user_id, generation_id, surface, provider, model, status, prompt_tokens, "
      + "completion_tokens, estimated, duration_ms) "
      + "VALUES (?, gen_random_uuid(), 'socket', 'simulated', 'simulated', 'complete', 3, 5, true, 40)", u.id());
    if (otherUserId > 0) {
      update("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES (?, ?)", u.id(), otherUserId);
      TestHttp.Response report = http.post("/api/v1/reports", new JsonObject().put("targetUserId", otherUserId)
        .put("reason", "spam").put("details", "report by " + tag), u.accessToken());
      assertThat(report.status()).as("report: %s", report).isEqualTo(201);
    }
    return u;
  }

  private static JsonObject awaitReady(String exportId, String token) {
    long deadline = System.currentTimeMillis() + 20_000;
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

  @Test
  @DisplayName("An export holds every category, with the user's own data only, and only its owner can fetch it")
  void everyCategoryOwnDataOnly() {
    TestUser bob = userWithEverything("bob", -1);
    TestUser alice = userWithEverything("alice", bob.id());
    // Bob chats in Alice's room too: her export must still not contain his text.
    chat(PrivacyFixtures.count("SELECT id FROM rooms WHERE host_id = ?", alice.id()), bob.id(), "bob in alice's room");

    TestHttp.Response started = http.post("/api/v1/me/exports", new JsonObject(), alice.accessToken());
    assertThat(started.status()).as("start: %s", started).isEqualTo(202);
    String id = started.json().getString("id");
    JsonObject ready = awaitReady(id, alice.accessToken());
    assertThat(ready.getString("status")).isEqualTo("ready");
    String link = ready.getString("downloadUrl");
    assertThat(link).contains("sig=");

    TestHttp.Response file = http.get(link);
    assertThat(file.status()).as("download: %s", file.status()).isEqualTo(200);
    JsonObject doc = file.json();
    assertThat(doc.getLong("userId")).isEqualTo(alice.id());
    JsonObject categories = doc.getJsonObject("categories");
    assertThat(categories.fieldNames()).containsExactlyInAnyOrderElementsOf(node.get().privacy().categories());
    assertThat(categories.getJsonObject("profile").getString("nickname")).isEqualTo("nick-alice");
    assertThat(categories.getJsonObject("contact").getString("phone")).isEqualTo(alice.phone());
    assertThat(categories.getJsonObject("contact").getString("email")).isEqualTo("alice@example.com");
    assertThat(categories.getJsonObject("identity").getString("idNumber")).isEqualTo("1**************2");
    assertThat(categories.getJsonObject("guardianConsent").getString("relation")).isEqualTo("parent");
    assertThat(categories.getJsonArray("sessions")).isNotEmpty();
    assertThat(categories.getJsonArray("consents")).isNotEmpty();
    assertThat(categories.getJsonArray("consentHistory")).hasSize(1);
    assertThat(categories.getJsonObject("nearbyVisibility").getBoolean("visible")).isTrue();
    assertThat(categories.getJsonArray("blocks").getJsonObject(0).getLong("blockedUserId")).isEqualTo(bob.id());
    JsonArray chat = categories.getJsonArray("chatMessages");
    assertThat(chat).hasSize(1);
    assertThat(chat.getJsonObject(0).getString("text")).isEqualTo("chat text of alice");
    assertThat(categories.getJsonArray("roomRestrictions")).hasSize(1);
    assertThat(categories.getJsonArray("roomsHosted").getJsonObject(0).getString("title")).isEqualTo("room of alice");
    assertThat(categories.getJsonArray("roomModeratorships")).hasSize(1);
    assertThat(categories.getJsonArray("auditLog")).isNotEmpty();
    assertThat(categories.getJsonArray("reportsFiled").getJsonObject(0).getString("details")).isEqualTo("report by alice");
    assertThat(categories.getJsonArray("aiConversations").getJsonObject(0).getString("title"))
      .isEqualTo("conversation of alice");
    assertThat(categories.getJsonArray("aiMessages").getJsonObject(0).getString("content"))
      .isEqualTo("ai question of alice");
    assertThat(categories.getJsonArray("aiUsage").getJsonObject(0).getInteger("completionTokens")).isEqualTo(5);
    assertThat(categories.getJsonArray("giftsSent")).singleElement()
      .satisfies(g -> assertThat(((JsonObject) g).getLong("coins")).isEqualTo(30L));
    assertThat(categories.getJsonArray("giftsReceived")).singleElement()
      .satisfies(g -> assertThat(((JsonObject) g).getLong("beans")).isEqualTo(15L));
    assertThat(categories.getJsonArray("walletStatement")).isNotNull();
    assertThat(categories.getJsonArray("withdrawals")).isEmpty();

    String text = file.body();
    assertThat(text).doesNotContain("nick-bob", bob.phone(), "bob@example.com", "chat text of bob", "bob in alice's room",
      "room of bob", "ticket-", "*bob", "conversation of bob", "ai question of bob");

    // Bob cannot see Alice's export, and a tampered link is refused.
    assertThat(http.get("/api/v1/me/exports/" + id, bob.accessToken()).status()).isEqualTo(404);
    assertThat(http.get(link.replaceAll("sig=[^&]+", "sig=forged")).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A large history streams through the cursor into the stored document completely, in order")
  void largeHistory() {
    TestUser dave = TestUsers.register(http);
    long room = room(dave.id(), "busy room");
    update("""
      INSERT INTO chat_messages (id, room_id, sender_id, text, sent_at)
      SELECT 9000000000 + g, ?, ?, 'message ' || g, now() FROM generate_series(1, 20000) g""", room, dave.id());
    String id = http.post("/api/v1/me/exports", new JsonObject(), dave.accessToken()).json().getString("id");
    JsonObject ready = awaitReady(id, dave.accessToken());
    JsonArray chat = http.get(ready.getString("downloadUrl")).json().getJsonObject("categories").getJsonArray("chatMessages");
    assertThat(chat).hasSize(20_000);
    assertThat(chat.getJsonObject(0).getString("text")).isEqualTo("message 1");
    assertThat(chat.getJsonObject(19_999).getString("text")).isEqualTo("message 20000");
    assertThat(ready.getLong("sizeBytes")).isGreaterThan(1_000_000L);
  }

  @Test
  @DisplayName("Links expire with their export, the document is deleted, and exports are limited per day")
  void expiryAndLimit() {
    TestUser carol = TestUsers.register(http);
    String first = http.post("/api/v1/me/exports", new JsonObject(), carol.accessToken()).json().getString("id");
    String link = awaitReady(first, carol.accessToken()).getString("downloadUrl");
    for (int i = 1; i < 3; i++) {
      TestHttp.Response more = http.post("/api/v1/me/exports", new JsonObject(), carol.accessToken());
      assertThat(more.status()).isEqualTo(202);
      awaitReady(more.json().getString("id"), carol.accessToken());
    }
    TestHttp.Response over = http.post("/api/v1/me/exports", new JsonObject(), carol.accessToken());
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().getString("code")).isEqualTo("export_limit_reached");
    assertThat(over.header("Retry-After")).isNotNull();

    CLOCK.advance(Duration.ofHours(73));
    assertThat(http.get(link).status()).isEqualTo(410);
    PrivacyFixtures.await(node.get().privacy().runHousekeeping());
    assertThat(PrivacyFixtures.value("SELECT status FROM data_exports WHERE id = ?::uuid", first)).isEqualTo("expired");
    assertThat(PrivacyFixtures.count("SELECT count(*) FROM data_export_chunks WHERE export_id = ?::uuid", first)).isZero();
    assertThat(http.get("/api/v1/me/exports/" + first, carol.accessToken()).json().containsKey("downloadUrl")).isFalse();
    // A day later the limit has rolled over.
    assertThat(http.post("/api/v1/me/exports", new JsonObject(), carol.accessToken()).status()).isEqualTo(202);
  }
}
