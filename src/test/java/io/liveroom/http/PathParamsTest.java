package io.liveroom.http;

import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One rule for path parameters: a malformed one is the same 400 field error on every capability")
class PathParamsTest {
  /** Not positive ids: a word, zero, a negative, past 2^63-1, a sign, a decimal, and Arabic-Indic one. */
  private static final List<String> NOT_IDS = List.of("abc", "0", "-5", "99999999999999999999", "+5", "1.5",
    "%D9%A1");
  /** Not UUIDs; the last is one {@code UUID.fromString} would take. */
  private static final List<String> NOT_UUIDS = List.of("abc", "0", "-5", "99999999999999999999", "1-1-1-1-1");

  private static Node node;
  private static TestHttp http;
  private static String token;

  /** A request with {@code {}} in its path for the value under test, and the parameter's name. */
  private record Endpoint(String method, String path, String param, String body) {
    String at(String value) {
      return path.replace("{}", value);
    }

    String pathOnly(String value) {
      return at(value).replaceFirst("\\?.*", "");
    }
  }

  @BeforeAll
  static void boot() {
    TestInfra.get().reset();
    node = TestNodes.start();
    http = new TestHttp(node.httpPort());
    token = TestUsers.register(http).accessToken();
  }

  @AfterAll
  static void shutdown() {
    TestNodes.stop(node);
  }

  private static TestHttp.Response call(Endpoint e, String value) {
    return http.send(e.method(), e.at(value), e.body(), Map.of("Authorization", "Bearer " + token,
      "Content-Type", "application/json"));
  }

  private static void expectFieldError(SoftAssertions soft, Endpoint e, String value) {
    TestHttp.Response r = call(e, value);
    String what = e.method() + " " + e.at(value) + " -> " + r;
    soft.assertThat(r.status()).as(what).isEqualTo(400);
    soft.assertThat(r.header("Content-Type")).as(what).isEqualTo("application/problem+json");
    if (r.status() != 400) {
      return;
    }
    JsonObject problem = r.json();
    soft.assertThat(problem.getString("code")).as(what).isEqualTo("validation_failed");
    soft.assertThat(problem.getString("instance")).as(what).isEqualTo(e.pathOnly(value));
    JsonArray errors = problem.getJsonArray("errors");
    soft.assertThat(errors).as(what).hasSize(1);
    if (errors != null && errors.size() == 1) {
      soft.assertThat(errors.getJsonObject(0).getString("field")).as(what).isEqualTo(e.param());
      soft.assertThat(errors.getJsonObject(0).getString("code")).as(what).isEqualTo("invalid");
    }
  }

  @Test
  @DisplayName("abc, 0, -5 and 99999999999999999999 as an id are 400 validation_failed naming the parameter,"
    + " on rooms, moderation, accounts, admin, AI, rewards and privacy alike")
  void malformedIds() {
    List<Endpoint> endpoints = List.of(
      new Endpoint("GET", "/api/v1/rooms/{}", "id", null),
      new Endpoint("POST", "/api/v1/rooms/{}/start", "id", null),
      new Endpoint("DELETE", "/api/v1/rooms/1/bans/{}", "userId", null),
      new Endpoint("GET", "/api/v1/users/{}", "id", null),
      new Endpoint("POST", "/api/v1/admin/users/{}/role", "id", "{\"role\":\"user\"}"),
      new Endpoint("GET", "/api/v1/ai/conversations/{}", "id", null),
      new Endpoint("GET", "/api/v1/rooms/{}/leaderboard", "roomId", null),
      new Endpoint("GET", "/api/v1/live-sessions/{}/leaderboard", "sessionId", null),
      new Endpoint("DELETE", "/api/v1/me/chat-messages/{}", "messageId", null),
      new Endpoint("POST", "/api/v1/moderation/reports/{}/resolution", "id", "{\"action\":\"dismiss\"}"));
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint e : endpoints) {
      for (String value : NOT_IDS) {
        expectFieldError(soft, e, value);
      }
    }
    soft.assertAll();
  }

  @Test
  @DisplayName("A malformed UUID in the path is the same 400 on sessions and exports, the public download link too")
  void malformedUuids() {
    List<Endpoint> endpoints = List.of(
      new Endpoint("DELETE", "/api/v1/me/sessions/{}", "id", null),
      new Endpoint("GET", "/api/v1/me/exports/{}", "id", null),
      new Endpoint("GET", "/api/v1/exports/{}/download?expires=1&sig=x", "id", null));
    SoftAssertions soft = new SoftAssertions();
    for (Endpoint e : endpoints) {
      for (String value : NOT_UUIDS) {
        expectFieldError(soft, e, value);
      }
    }
    soft.assertAll();
  }

  @Test
  @DisplayName("A well-formed id or name that names nothing stays the capability's 404")
  void wellFormedButUnknown() {
    assertThat(http.get("/api/v1/rooms/999999", token).json().getString("code")).isEqualTo("room_not_found");
    assertThat(http.get("/api/v1/users/999999", token).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/ai/conversations/999999", token).json().getString("code"))
      .isEqualTo("ai_conversation_not_found");
    assertThat(http.send("DELETE", "/api/v1/me/sessions/00000000-0000-4000-8000-000000000000", null,
      Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(404);
    assertThat(http.put("/api/v1/me/consents/telepathy", new JsonObject().put("granted", true)
      .put("policyVersion", "2026-01"), token).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A name in the path (consent purpose, region) outside its form is the same 400 field error")
  void malformedNames() {
    SoftAssertions soft = new SoftAssertions();
    expectFieldError(soft, new Endpoint("PUT", "/api/v1/me/consents/{}", "purpose",
      "{\"granted\":true,\"policyVersion\":\"2026-01\"}"), "Location%20now");
    expectFieldError(soft, new Endpoint("GET", "/api/v1/regions/{}/hot", "region", null), "WX4G");
    soft.assertAll();
  }
}
