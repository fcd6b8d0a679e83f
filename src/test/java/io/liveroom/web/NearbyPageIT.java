package io.liveroom.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Geolocation;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Live now in headless Chromium: the regional hot list, and Nearby only while the location consent is granted")
class NearbyPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();
  /** People's Square, Shanghai, and a point about 400 m away (another grid cell, same region). */
  private static final double HOST_LAT = 31.2304;
  private static final double HOST_LNG = 121.4737;
  private static final double VIEWER_LAT = 31.2330;
  private static final double VIEWER_LNG = 121.4760;
  /** The region the last seeded host's room was tagged with (derived from the host's location). */
  private static String hostRegion;

  @Test
  @DisplayName("The viewer grants the location consent on the page and sees Nearby (a room and a person) and their "
    + "region's hot list; a reload and another browser keep it (the server's ledger); withdrawing hides Nearby again")
  void grantThenWithdraw() {
    String roomTitle = seedHostNearby("nearhost");
    TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "walker");
    TestUsers.markVerifiedAdult(viewer.id());
    Page page = open(viewer);

    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).containsText("about 500 m");
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).containsText("withdraw");
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#region")).isVisible();
    assertThat(Browsers.fitsWidth(page)).as("Live now with the consent prompt fits 375 px").isTrue();

    page.locator("#consent-grant").click();
    nearbyShown(page, roomTitle, "nearhost");
    assertThat(locationGranted(viewer)).as("the server's ledger").isTrue();
    assertThat(Browsers.fitsWidth(page)).as("Live now with Nearby fits 375 px").isTrue();

    page.reload();
    nearbyShown(page, roomTitle, "nearhost");
    Page elsewhere = open(viewer);
    PlaywrightAssertions.assertThat(elsewhere.locator("#nearby")).isVisible();
    PlaywrightAssertions.assertThat(elsewhere.locator("#nearby-consent")).isHidden();

    page.locator("#consent-withdraw").click();
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#region-mine")).isHidden();
    assertThat(locationGranted(viewer)).as("the server's ledger").isFalse();
    page.reload();
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isHidden();
  }

  @Test
  @DisplayName("A named region's hot list needs no consent: it lists the live room tagged with that region")
  void namedRegionWithoutConsent() {
    String roomTitle = seedHostNearby("regionhost");
    TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "browser");
    Page page = open(viewer);
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isVisible();
    page.locator("#region-input").fill(hostRegion);
    page.locator("#region-input").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#region-list")).containsText(roomTitle);
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isHidden();
  }

  /** A verified host with the location consent, a shared location, listed in Nearby, live, the room region-tagged. */
  private static String seedHostNearby(String nickname) {
    TestUser host = TestUsers.register(http, TestUsers.newPhone(), nickname);
    TestUsers.markVerifiedAdult(host.id());
    ok(http.put("/api/v1/me/consents/location", new JsonObject().put("granted", true)
      .put("policyVersion", TestUsers.policyVersion()).put("source", "api"), host.accessToken()));
    ok(http.put("/api/v1/me/location", new JsonObject().put("lat", HOST_LAT).put("lng", HOST_LNG), host.accessToken()));
    ok(http.put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", true), host.accessToken()));
    String title = nickname + "'s street food tour";
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", title)
      .put("category", "travel"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    ok(http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken()));
    TestHttp.Response tagged = http.put("/api/v1/me/live-room/region", new JsonObject(), host.accessToken());
    ok(tagged);
    hostRegion = tagged.json().getString("region");
    return title;
  }

  private static void nearbyShown(Page page, String roomTitle, String hostNickname) {
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#nearby-status")).containsText("Location shared");
    PlaywrightAssertions.assertThat(page.locator("#nearby-rooms")).containsText(roomTitle);
    PlaywrightAssertions.assertThat(page.locator("#nearby-rooms")).containsText("<1 km");
    PlaywrightAssertions.assertThat(page.locator("#nearby-users")).containsText(hostNickname);
    PlaywrightAssertions.assertThat(page.locator("#region-mine")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#region-list")).containsText(roomTitle);
  }

  /** The viewer's browser, signed in, at a position near the host, with the geolocation permission given. */
  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    BrowserContext context = page.context();
    context.grantPermissions(List.of("geolocation"));
    context.setGeolocation(new Geolocation(VIEWER_LAT, VIEWER_LNG));
    page.navigate("/");
    return page;
  }

  private static boolean locationGranted(TestUser user) {
    return http.get("/api/v1/me/consents", user.accessToken()).json().getJsonArray("consents").stream()
      .map(JsonObject.class::cast).filter(c -> "location".equals(c.getString("purpose")))
      .findFirst().orElseThrow().getBoolean("granted");
  }

  private static void ok(TestHttp.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(200);
  }
}
