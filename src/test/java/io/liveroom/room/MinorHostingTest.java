package io.liveroom.room;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosting rules on minors, through the real API: identity verification, guardian consents
 * recorded by an admin, rooms created and started over HTTP and by the media server's on_publish.
 */
@DisplayName("Minors and hosting: under 16 never, 16 to 18 only with a guardian's consent to hosting, re-checked at every start")
class MinorHostingTest {
  private static final String ADMIN_PHONE = "+8613900000003";
  private static final String MEDIA_TOKEN = "minor-media-token";

  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> {
      json.getJsonObject("accounts").put("adminPhones", new JsonArray().add(ADMIN_PHONE));
      json.getJsonObject("rooms").getJsonObject("media").put("webhookToken", MEDIA_TOKEN);
    })
    .build();
  private static final TestHttp http = node.http();

  private record Account(long id, String phone, String token) {
  }

  @Test
  @DisplayName("A verified 15-year-old cannot create a room (minor_cannot_host), nor start one created before the rule")
  void fifteenCannotHost() {
    Account teen = verifiedMinor(15, 41);
    TestHttp.Response create = createRoom(teen.token());
    assertThat(create.status()).as(create.toString()).isEqualTo(403);
    assertThat(create.json().getString("code")).isEqualTo("minor_cannot_host");
    TestHttp.Response consent = http.post("/api/v1/admin/users/" + teen.id() + "/guardian-consent",
      new JsonObject().put("purpose", "hosting").put("relation", "parent").put("evidenceRef", "t-15"), admin());
    assertThat(consent.json().getString("code")).as("nobody may consent to hosting under 16").isEqualTo("minor_cannot_host");

    // A room row from before the rule existed: going live re-checks, over HTTP and from the media server.
    String secret = StreamKeys.newSecret();
    long roomId = RoomFixture.count("INSERT INTO rooms (host_id, title, category, stream_key_hash) "
      + "VALUES (?, 'old room', 'talk', ?) RETURNING id", teen.id(), StreamKeys.hash(secret));
    assertThat(start(roomId, teen.token()).json().getString("code")).isEqualTo("minor_cannot_host");
    TestHttp.Response publish = onPublish(StreamKeys.format(roomId, secret));
    assertThat(publish.status()).isEqualTo(403);
    assertThat(publish.json().getString("code")).isEqualTo("minor_cannot_host");
    assertThat(status(roomId, teen.token())).isEqualTo("idle");
  }

  @Test
  @DisplayName("A 17-year-old hosts only with a guardian's consent to hosting; once it is withdrawn, the room cannot go live again")
  void seventeenNeedsHostingConsent() {
    Account teen = verifiedMinor(17, 42);
    TestHttp.Response refused = createRoom(teen.token());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("code")).isEqualTo("hosting_consent_required");

    String consents = "/api/v1/admin/users/" + teen.id() + "/guardian-consent";
    assertThat(http.post(consents, new JsonObject().put("purpose", "hosting").put("relation", "legal_guardian")
      .put("evidenceRef", "t-17-hosting"), admin()).status()).isEqualTo(204);
    TestHttp.Response created = createRoom(teen.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    String key = created.json().getString("streamKey");
    assertThat(start(roomId, teen.token()).status()).isEqualTo(200);
    assertThat(http.post("/api/v1/rooms/" + roomId + "/end", null, teen.token()).status()).isEqualTo(200);

    assertThat(http.post(consents + "/withdrawal", new JsonObject().put("purpose", "hosting")
      .put("evidenceRef", "t-17-withdrawn"), admin()).status()).isEqualTo(204);
    assertThat(start(roomId, teen.token()).json().getString("code")).isEqualTo("hosting_consent_required");
    assertThat(onPublish(key).json().getString("code")).isEqualTo("hosting_consent_required");
    assertThat(status(roomId, teen.token())).isEqualTo("idle");
    assertThat(http.get("/api/v1/me", teen.token()).status()).as("the account itself stays active").isEqualTo(200);
  }

  @Test
  @DisplayName("A room created by a user who declared an adult birth date cannot start once their birth date shows 15")
  void revealedMinorCannotStart() {
    TestUsers.TestUser host = TestUsers.register(http);
    TestUsers.markVerifiedAdult(host.id());
    TestHttp.Response created = createRoom(host.accessToken());
    assertThat(created.status()).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    // The identity record corrected to the real birth date (verification itself refuses a second ID).
    RoomFixture.sql("UPDATE users SET birth_date = current_date - interval '15 years' WHERE id = " + host.id());

    TestHttp.Response start = start(roomId, host.accessToken());
    assertThat(start.status()).isEqualTo(403);
    assertThat(start.json().getString("code")).isEqualTo("minor_cannot_host");
    assertThat(onPublish(created.json().getString("streamKey")).json().getString("code")).isEqualTo("minor_cannot_host");
  }

  /**
   * A user who registered without a birth date and verified an ID showing {@code age}: the account
   * waits for the guardian (its token stops at once), an admin records the consent, the user logs in again.
   */
  private static Account verifiedMinor(int age, int seq) {
    TestUsers.TestUser u = TestUsers.register(http);
    TestHttp.Response verified = http.post("/api/v1/me/identity", new JsonObject().put("realName", "王小明")
      .put("idNumber", idNumber(LocalDate.now().minusYears(age).minusDays(1), seq)), u.accessToken());
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    assertThat(verified.json().getString("status")).isEqualTo("pending_guardian");
    assertThat(http.get("/api/v1/me", u.accessToken()).status()).isEqualTo(403);
    assertThat(http.post("/api/v1/admin/users/" + u.id() + "/guardian-consent", new JsonObject()
      .put("relation", "parent").put("evidenceRef", "t-" + seq), admin()).status()).isEqualTo(204);
    TestHttp.Response in = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", TestUsers.PASSWORD));
    assertThat(in.status()).isEqualTo(200);
    return new Account(u.id(), u.phone(), in.json().getString("accessToken"));
  }

  private static String admin() {
    JsonObject login = new JsonObject().put("phone", ADMIN_PHONE).put("password", TestUsers.PASSWORD);
    TestHttp.Response in = http.post("/api/v1/auth/login", login);
    if (in.status() != 200) {
      TestUsers.register(http, ADMIN_PHONE, "admin");
      in = http.post("/api/v1/auth/login", login);
    }
    return in.json().getString("accessToken");
  }

  private static TestHttp.Response createRoom(String token) {
    return http.post("/api/v1/rooms", new JsonObject().put("title", "Homework help").put("category", "talk"), token);
  }

  private static TestHttp.Response start(long roomId, String token) {
    return http.post("/api/v1/rooms/" + roomId + "/start", null, token);
  }

  private static String status(long roomId, String token) {
    return http.get("/api/v1/rooms/" + roomId, token).json().getString("status");
  }

  /** SRS's on_publish with the stream key as the stream name. */
  private static TestHttp.Response onPublish(String key) {
    JsonObject body = new JsonObject().put("action", "on_publish").put("client_id", "c1").put("ip", "10.0.0.9")
      .put("vhost", "__defaultVhost__").put("app", "live").put("stream", key).put("param", "");
    return http.send("POST", MediaWebhookRoutes.ON_PUBLISH + "?token=" + MEDIA_TOKEN, body.encode(),
      Map.of("Content-Type", "application/json"));
  }

  /** A well-formed resident ID number (Beijing, 110105) for someone born on {@code birth}. */
  private static String idNumber(LocalDate birth, int seq) {
    String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", seq);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }
}
