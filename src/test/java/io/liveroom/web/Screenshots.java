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
 * Takes the README's screenshots of the web app (scripts/web-screenshots.sh runs it): a node on
 * the embedded default with a host live in a room and some chat, photographed at phone width
 * into {@code docs/img/}, the host console included. Not a test; the browser tests check the same pages.
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
      viewerPage.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("room.png")));

      Page console = open(browsers, port, host, "mei", "/host.html?id=" + roomId);
      PlaywrightAssertions.assertThat(console.locator("#chat-log")).containsText("food stalls");
      PlaywrightAssertions.assertThat(console.locator("#viewer-count")).hasText("1");
      console.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("host.png")));

      Page live = open(browsers, port, viewer, "sam", "/");
      PlaywrightAssertions.assertThat(live.locator("#hot-list li")).hasCount(1);
      live.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("live.png")));
    } finally {
      TestNodes.stop(node);
    }
    System.out.println("Screenshots written to " + out.toAbsolutePath());
    System.exit(0);
  }

  private static long live(TestHttp http, TestUser host) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Night market walk")
      .put("category", "travel"), host.accessToken());
    long id = created.json().getJsonObject("room").getLong("id");
    http.post("/api/v1/rooms/" + id + "/start", null, host.accessToken());
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
