package io.liveroom.youth;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Youth mode as a client app drives it, against real nodes: users as rows with a birth date and a
 * token of their own, live rooms started over HTTP, youth mode switched over HTTP, viewers on
 * real WebSockets.
 */
final class YouthClients {
  static final String PASSWORD = "youth-pass-1";

  private YouthClients() {
  }

  /** A user (its id and access token). */
  record User(long id, String token) {
  }

  static User adult(Node node) {
    long id = RewardFixtures.adult("adult-" + UUID.randomUUID().toString().substring(0, 6));
    return new User(id, RewardFixtures.token(node, id, Role.USER));
  }

  /** A user who is {@code age} today by the stored birth date. */
  static User aged(Node node, int age) {
    long id = RewardFixtures.user("aged-" + UUID.randomUUID().toString().substring(0, 6), true,
      LocalDate.now().minusYears(age).minusDays(30), Role.USER);
    return new User(id, RewardFixtures.token(node, id, Role.USER));
  }

  static User admin(Node node) {
    long id = RewardFixtures.admin();
    return new User(id, RewardFixtures.token(node, id, Role.ADMIN));
  }

  /**
   * A fixed-offset zone in which the clock's now is {@code hour}:00 (plus the current seconds; {@code minute} too), so
   * a test reads the same whatever the time of day it runs at.
   */
  static String zoneWhereNowIs(Clock clock, int hour) {
    return zoneWhereNowIs(clock, hour, 0);
  }

  static String zoneWhereNowIs(Clock clock, int hour, int minute) {
    LocalTime utc = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int minutes = hour * 60 + minute - (utc.getHour() * 60 + utc.getMinute());
    minutes = Math.floorMod(minutes + 720, 1440) - 720;
    return ZoneOffset.ofTotalSeconds(minutes * 60).getId();
  }

  static TestHttp.Response put(TestHttp http, User u, JsonObject body) {
    return http.send("PUT", "/api/v1/me/youth-mode", body.encode(), Map.of("Authorization", "Bearer " + u.token()));
  }

  /** The adult turns youth mode on with {@link #PASSWORD}, in the zone given. */
  static void turnOn(TestHttp http, User u, String zone) {
    TestHttp.Response on = put(http, u, new JsonObject().put("enabled", true).put("password", PASSWORD)
      .put("timeZone", zone));
    assertThat(on.status()).as("turn on: %s", on).isEqualTo(200);
    assertThat(on.json().getBoolean("enabled")).isTrue();
  }

  static JsonObject status(TestHttp http, User u) {
    TestHttp.Response r = http.get("/api/v1/me/youth-mode", u.token());
    assertThat(r.status()).as("status: %s", r).isEqualTo(200);
    return r.json();
  }

  /** A verified adult host creates a room and goes live over HTTP; returns the room id. */
  static long liveRoom(Node node, TestHttp http) {
    User host = adult(node);
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Evening show")
      .put("category", "music"), host.token());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = http.post("/api/v1/rooms/" + id + "/start", null, host.token());
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    return id;
  }

  static JsonObject subscribe(TestSocket ws, long roomId) {
    return ws.request("subscribe", new JsonObject().put("channel", "room:" + roomId));
  }

  static JsonObject chat(TestSocket ws, long roomId, String text) {
    return ws.request("publish", new JsonObject().put("channel", "room:" + roomId)
      .put("data", new JsonObject().put("text", text)));
  }

  /** The protocol error code of a reply (fails if the reply is a success). */
  static int errorCode(JsonObject reply) {
    assertThat(reply.containsKey("error")).as("expected an error reply: %s", reply).isTrue();
    return reply.getJsonObject("error").getInteger("code");
  }
}
