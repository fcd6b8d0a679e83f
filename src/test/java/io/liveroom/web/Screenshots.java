package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Takes screenshots of every page of the web app (scripts/web-screenshots.sh runs it): a node on
 * the embedded default with a host live in a room, some chat, likes and a gift from a credited
 * viewer, photographed at phone width into the given folder: signin, live (with Nearby granted),
 * room, host console, ai and privacy. The README shows four of them from {@code docs/img/}. Not a test; the
 * browser tests check the same pages.
 */
public final class Screenshots {
  private Screenshots() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/img");
    Files.createDirectories(out);
    Node node = TestNodes.start();
    try (Browsers browsers = new Browsers()) {
      browsers.launch();
      int port = node.httpPort();
      TestHttp http = new TestHttp(port);
      TestUser host = TestUsers.register(http, TestUsers.newPhone(), "mei");
      TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "sam");
      TestUsers.markVerifiedAdult(host.id());
      TestUsers.markVerifiedAdult(viewer.id());
      credit(http, viewer, 120);
      long roomId = live(http, host);

      Page signIn = browsers.context(port).newPage();
      signIn.navigate("/signin.html");
      signIn.locator("#signup-phone").fill("+8613812345678");
      signIn.locator("#signup-send").click();
      PlaywrightAssertions.assertThat(signIn.locator("#dev-banner")).isVisible();
      signIn.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("signin.png")));

      Page hostPage = open(browsers, port, host, "mei", "/room.html?id=" + roomId);
      Page viewerPage = open(browsers, port, viewer, "sam", "/room.html?id=" + roomId);
      for (Page p : new Page[] {hostPage, viewerPage}) {
        PlaywrightAssertions.assertThat(p.locator("#connection")).hasAttribute("data-state", "connected");
      }
      say(hostPage, "Welcome! Tonight: night markets of Taipei.");
      say(viewerPage, "Hello from Shanghai!");
      say(hostPage, "Ask me anything about the food stalls.");
      viewerPage.locator("#like").click();
      PlaywrightAssertions.assertThat(viewerPage.locator("#chat-log")).containsText("food stalls");
      PlaywrightAssertions.assertThat(viewerPage.locator("#like-total")).hasText("1");
      viewerPage.locator("#gift-list button.gift", new Page.LocatorOptions().setHasText("Heart")).first().click();
      PlaywrightAssertions.assertThat(viewerPage.locator("#board-session li")).hasCount(1);
      viewerPage.evaluate("() => window.scrollTo(0, 0)");
      viewerPage.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("room.png")).setFullPage(true));

      Page console = open(browsers, port, host, "mei", "/host.html?id=" + roomId);
      PlaywrightAssertions.assertThat(console.locator("#chat-log")).containsText("food stalls");
      PlaywrightAssertions.assertThat(console.locator("#viewer-count")).hasText("1");
      console.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("host.png")));

      Page live = open(browsers, port, viewer, "sam", "/");
      live.context().grantPermissions(java.util.List.of("geolocation"));
      live.context().setGeolocation(new com.microsoft.playwright.options.Geolocation(25.0375, 121.5637));
      PlaywrightAssertions.assertThat(live.locator("#hot-list li")).hasCount(1);
      live.locator("#consent-grant").click();
      PlaywrightAssertions.assertThat(live.locator("#nearby-rooms li")).hasCount(1);
      live.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("live.png")).setFullPage(true));

      Page ai = open(browsers, port, viewer, "sam", "/ai.html");
      PlaywrightAssertions.assertThat(ai.locator("#connection")).hasAttribute("data-state", "connected");
      ai.locator("#new-conversation").click();
      ai.locator("#question").fill("Which night market has the best oyster omelette?");
      ai.locator("#question").press("Enter");
      PlaywrightAssertions.assertThat(ai.locator("#answer-state")).hasAttribute("data-state", "complete",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
      ai.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("ai.png")));

      Page privacy = open(browsers, port, viewer, "sam", "/privacy.html");
      PlaywrightAssertions.assertThat(privacy.locator("li.consent")).hasCount(3);
      privacy.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("privacy.png")));
    } finally {
      TestNodes.stop(node);
    }
    System.out.println("Screenshots written to " + out.toAbsolutePath());
    System.exit(0);
  }

  /** An admin stocks the gift catalogue and credits the viewer's wallet, so the room shows a gift. */
  private static void credit(TestHttp http, TestUser user, long coins) {
    TestUser admin = TestUsers.register(http, TestUsers.newPhone(), "admin");
    TestUsers.setRole(admin.id(), io.liveroom.auth.Role.ADMIN);
    String[][] catalogue = {{"Rose", "1"}, {"Heart", "10"}, {"Rocket", "50"}};
    boolean seeded = !http.get("/api/v1/gifts").json().getJsonArray("items").isEmpty();
    for (String[] gift : seeded ? new String[0][] : catalogue) {
      http.post("/api/v1/admin/gifts", new JsonObject().put("name", gift[0]).put("priceCoins", Long.parseLong(gift[1]))
        .put("animationTier", 1), admin.accessToken());
    }
    http.post("/api/v1/admin/wallets/" + user.id() + "/credit", new JsonObject().put("coins", coins)
      .put("reason", "screenshots").put("requestId", "screenshots-" + user.id()), admin.accessToken());
  }

  /** The host goes live from Taipei 101, sharing the location (so the room is in Nearby and its region). */
  private static long live(TestHttp http, TestUser host) {
    http.put("/api/v1/me/consents/location", new JsonObject().put("granted", true)
      .put("policyVersion", TestUsers.policyVersion()).put("source", "api"), host.accessToken());
    http.put("/api/v1/me/location", new JsonObject().put("lat", 25.0340).put("lng", 121.5645), host.accessToken());
    http.put("/api/v1/me/nearby-visibility", new JsonObject().put("visibleNearby", true), host.accessToken());
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Night market walk")
      .put("category", "travel"), host.accessToken());
    long id = created.json().getJsonObject("room").getLong("id");
    http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
    http.put("/api/v1/me/live-room/region", new JsonObject(), host.accessToken());
    return id;
  }

  private static Page open(Browsers browsers, int port, TestUser user, String nickname, String path) {
    Page page = browsers.signedIn(port, new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())
        .put("nickname", nickname)));
    page.navigate(path);
    return page;
  }

  private static void say(Page page, String text) {
    page.locator("#chat-text").fill(text);
    page.locator("#chat-text").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#chat-log")).containsText(text);
  }
}
