package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curfew as a viewer sees it, on a node whose clock the test moves (one usage tick a second):
 * the room page is watching at 21:59 in the viewer's zone; at 22:01 the server unsubscribes with
 * 2051 and the page shows it as a state and a sentence, not a silent stop.
 */
@DisplayName("Room page in headless Chromium: the youth-mode curfew ends watching visibly")
class YouthCurfewPageIT {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().clock(CLOCK)
    .config(json -> json.getJsonObject("youth").put("tickSeconds", 1))
    .build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("At 21:59 the youth-mode viewer watches; at 22:01 the page reads the curfew sentence and state youth-stopped")
  void curfewEndsWatching() {
    TestUser host = TestUsers.register(http, TestUsers.newPhone(), "nighthost");
    TestUsers.markVerifiedAdult(host.id());
    TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "nightowl");
    TestUsers.markVerifiedAdult(viewer.id());
    TestHttp.Response on = http.send("PUT", "/api/v1/me/youth-mode", new JsonObject().put("enabled", true)
      .put("password", "night-pass-1").put("timeZone", zoneWhereNowIs(21, 59)).encode(),
      Map.of("Authorization", "Bearer " + viewer.accessToken()));
    assertThat(on.status()).as("youth mode on: %s", on).isEqualTo(200);
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Late show")
      .put("category", "music"), host.accessToken());
    long roomId = created.json().getJsonObject("room").getLong("id");
    assertThat(http.post("/api/v1/rooms/" + roomId + "/start", null, host.accessToken()).status()).isEqualTo(200);

    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", viewer.accessToken())
      .put("refreshToken", viewer.refreshToken()).put("user", new JsonObject().put("id", viewer.id())));
    page.navigate("/room.html?id=" + roomId);
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected",
      new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));

    CLOCK.advance(Duration.ofMinutes(2));
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "youth-stopped",
      new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
    String sentence = "Youth mode: live rooms and AI chat are closed during the night-time curfew.";
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasText(sentence);
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText(sentence);
  }

  /** A fixed-offset zone in which the node's clock reads hour:minute now. */
  private static String zoneWhereNowIs(int hour, int minute) {
    LocalTime utc = LocalTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    int minutes = Math.floorMod(hour * 60 + minute - (utc.getHour() * 60 + utc.getMinute()) + 720, 1440) - 720;
    return ZoneOffset.ofTotalSeconds(minutes * 60).getId();
  }
}
