package io.liveroom.web;

import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests set up through the public and admin API before a page opens: verified
 * users, an admin, catalogue gifts, credited wallets, a live room, and the session a page signs in with.
 */
final class WebFixtures {
  private WebFixtures() {
  }

  /** A registered user marked identity-verified adult (hosting and gifting need it). */
  static TestUser verifiedUser(TestHttp http, String nickname) {
    TestUser u = TestUsers.register(http, TestUsers.newPhone(), nickname);
    TestUsers.markVerifiedAdult(u.id());
    return u;
  }

  /** An admin's access token (the admin routes read the role stored in accounts). */
  static String admin(TestHttp http) {
    TestUser admin = TestUsers.register(http, TestUsers.newPhone(), "admin");
    TestUsers.setRole(admin.id(), Role.ADMIN);
    return admin.accessToken();
  }

  /** A gift in the catalogue, made through the admin API (the tests' database starts empty). */
  static void catalogGift(TestHttp http, String adminToken, String name, long price) {
    TestHttp.Response created = http.post("/api/v1/admin/gifts", new JsonObject().put("name", name)
      .put("priceCoins", price).put("animationTier", 1), adminToken);
    assertThat(created.status()).as("gift: %s", created).isIn(200, 201);
  }

  /** An admin credits the user's wallet through the admin API, as support would. */
  static void credit(TestHttp http, String adminToken, TestUser user, long coins) {
    TestHttp.Response credited = http.post("/api/v1/admin/wallets/" + user.id() + "/credit", new JsonObject()
      .put("coins", coins).put("reason", "browser test").put("requestId", UUID.randomUUID().toString()),
      adminToken);
    assertThat(credited.status()).as("credit: %s", credited).isEqualTo(200);
  }

  /** The host creates a room titled {@code title} and goes live through the API; returns its id. */
  static long liveRoom(TestHttp http, TestUser host, String title) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", title)
      .put("category", "music"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    return id;
  }

  /** The stored session a page signs in with (what the sign-in page keeps after a login). */
  static JsonObject session(TestUser user) {
    return new JsonObject().put("accessToken", user.accessToken()).put("refreshToken", user.refreshToken())
      .put("user", new JsonObject().put("id", user.id()));
  }
}
