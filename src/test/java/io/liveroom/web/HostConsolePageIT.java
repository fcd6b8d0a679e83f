package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.Await;
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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Host console in headless Chromium: create a room, go live, stream key, moderation, stats and chat")
class HostConsolePageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(20_000);
  private static final String SLOW_MODE_REFUSAL = "Slow mode is on. Wait a little before your next message.";
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A host goes live from the console and moderates; host and viewer see each other's chat, likes, gifts and the audience")
  void hostGoesLiveAndModerates() {
    TestUser host = WebFixtures.verifiedUser(http, "ana");
    TestUser viewer = WebFixtures.verifiedUser(http, "ben");
    String admin = WebFixtures.admin(http);
    WebFixtures.catalogGift(http, admin, "Lantern", 3);
    WebFixtures.credit(http, admin, viewer, 10);
    Page console = open(host, "ana", "/host.html");
    console.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));

    long roomId = createRoom(console);
    String key = console.locator("#stream-key").textContent();
    assertThat(key).as("the stream key names its room").startsWith(roomId + "-").hasSizeGreaterThan(20);
    PlaywrightAssertions.assertThat(console.locator("#rtmp-template")).containsText("rtmp://");
    PlaywrightAssertions.assertThat(console.locator("#rtmp-template")).containsText("<stream key>");
    console.locator("#copy-key").click();
    PlaywrightAssertions.assertThat(console.locator("#copy-key")).hasText("Copied");
    assertThat(console.evaluate("() => navigator.clipboard.readText()")).as("clipboard").isEqualTo(key);

    console.locator("#go-live").click();
    PlaywrightAssertions.assertThat(console.locator("#room-status")).hasText("Live");
    assertThat(room(roomId, host).getString("status")).isEqualTo("live");
    // The key shown is the one the media server's publish webhook accepts (idempotent while live).
    TestHttp.Response publish = onPublish(key);
    assertThat(publish.status()).as("media webhook with the shown key: %s", publish).isEqualTo(200);
    console.onceDialog(dialog -> dialog.accept());
    console.locator("#rotate-key").click();
    PlaywrightAssertions.assertThat(console.locator("#stream-key")).not().hasText(key);
    String rotated = console.locator("#stream-key").textContent();
    assertThat(rotated).startsWith(roomId + "-");
    assertThat(onPublish(key).status()).as("the old key after rotation").isEqualTo(403);
    assertThat(onPublish(rotated).status()).as("the rotated key").isEqualTo(200);
    PlaywrightAssertions.assertThat(console.locator("#connection")).hasAttribute("data-state", "connected");

    Page viewerPage = open(viewer, "ben", "/room.html?id=" + roomId);
    PlaywrightAssertions.assertThat(viewerPage.locator("#connection")).hasAttribute("data-state", "connected",
      new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
    PlaywrightAssertions.assertThat(console.locator("#viewer-count")).hasText("1", SLOW);

    chat(viewerPage, "hello from ben");
    PlaywrightAssertions.assertThat(chatLog(console)).containsText("hello from ben");
    chat(console, "welcome, ben");
    PlaywrightAssertions.assertThat(chatLog(console)).containsText("welcome, ben");
    PlaywrightAssertions.assertThat(chatLog(viewerPage)).containsText("welcome, ben");

    // The viewer likes and sends a gift (credited by an admin above); the console sees both.
    viewerPage.locator("#like").click();
    PlaywrightAssertions.assertThat(console.locator("#total-likes")).hasText("1", SLOW);
    viewerPage.locator("#gift-list button.gift", new Page.LocatorOptions().setHasText("Lantern")).first().click();
    PlaywrightAssertions.assertThat(viewerPage.locator("#wallet-balance")).hasText("7");
    PlaywrightAssertions.assertThat(chatLog(console).locator("li.gift")).containsText("ben sent 1 × Lantern.");
    PlaywrightAssertions.assertThat(console.locator("#gift-count")).hasText("1");

    // Slow mode from the console: the viewer's next message starts the cooldown, the one after is refused.
    console.locator("#slow-seconds").fill("120");
    console.locator("#slow-set").click();
    PlaywrightAssertions.assertThat(console.locator("#slow-state")).hasText("Slow mode is on: 120 s between a viewer's messages.");
    PlaywrightAssertions.assertThat(chatLog(console)).containsText("Slow mode: 120 s.");
    chat(viewerPage, "second from ben");
    PlaywrightAssertions.assertThat(chatLog(console)).containsText("second from ben");
    chat(viewerPage, "too soon");
    PlaywrightAssertions.assertThat(viewerPage.locator("#message")).hasText(SLOW_MODE_REFUSAL);

    // Pin the viewer's first message from its line in the console's log.
    chatLog(console).locator("li.chat", new Locator.LocatorOptions().setHasText("hello from ben"))
      .locator("button.pin").click();
    PlaywrightAssertions.assertThat(console.locator("#pinned")).hasText("Pinned: hello from ben");
    PlaywrightAssertions.assertThat(viewerPage.locator("#pinned")).hasText("Pinned: hello from ben");
    JsonObject pinned = room(roomId, host).getJsonObject("pinned");
    assertThat(pinned).as("the room's pinned message").isNotNull();
    assertThat(pinned.getString("text")).isEqualTo("hello from ben");

    // A moderator is exempt from slow mode: appointed, the viewer can chat again at once.
    console.locator("#mod-user").fill(Long.toString(viewer.id()));
    console.locator("#mod-add").click();
    PlaywrightAssertions.assertThat(console.locator("#mod-list")).containsText("ben (user " + viewer.id() + ")");
    chat(viewerPage, "now a moderator");
    PlaywrightAssertions.assertThat(chatLog(console)).containsText("now a moderator");
    PlaywrightAssertions.assertThat(viewerPage.locator("#message")).isHidden();

    PlaywrightAssertions.assertThat(console.locator("#message-count")).hasText(Pattern.compile("^[4-9]$|^\\d{2,}$"), SLOW);
    PlaywrightAssertions.assertThat(console.locator("#peak-viewers")).hasText(Pattern.compile("^[1-9]"), SLOW);
    assertThat(Browsers.fitsWidth(console)).as("host console fits 375 px").isTrue();

    // Unpin, and dismiss the moderator: slow mode applies to the viewer again.
    console.locator("#unpin").click();
    PlaywrightAssertions.assertThat(console.locator("#pinned-line")).isHidden();
    PlaywrightAssertions.assertThat(viewerPage.locator("#pinned")).isHidden();
    Await.until("the room has no pinned message", 10, () -> room(roomId, host).getValue("pinned") == null);
    console.locator("#mod-list button").click();
    PlaywrightAssertions.assertThat(console.locator("#mod-list li")).hasCount(0);
    chat(viewerPage, "not a moderator any more");
    PlaywrightAssertions.assertThat(viewerPage.locator("#message")).hasText(SLOW_MODE_REFUSAL);

    console.locator("#end-live").click();
    PlaywrightAssertions.assertThat(console.locator("#room-status")).hasText("Not live");
    PlaywrightAssertions.assertThat(viewerPage.locator("#room-status")).hasText("Ended");
    assertThat(room(roomId, host).getString("status")).isEqualTo("idle");
    assertThat(chatLog(console).locator("li.chat .text").allTextContents()).doesNotContain("too soon");
  }

  @Test
  @DisplayName("A user without a verified identity is told that hosting needs one, and someone else's room is not theirs to host")
  void notAllowedToHost() {
    TestUser unverified = TestUsers.register(http, TestUsers.newPhone(), "cam");
    Page page = open(unverified, "cam", "/host.html");
    PlaywrightAssertions.assertThat(page.locator("#not-allowed")).containsText("Only identity-verified users can host.");
    PlaywrightAssertions.assertThat(page.locator("#create-form")).isHidden();
    TestHttp.Response refused = http.post("/api/v1/rooms", new JsonObject().put("title", "x").put("category", "music"),
      unverified.accessToken());
    assertThat(refused.status()).as("the API agrees: %s", refused).isEqualTo(403);
    assertThat(refused.json().getString("code")).isEqualTo("host_not_verified");

    TestUser owner = WebFixtures.verifiedUser(http, "dee");
    TestUser other = WebFixtures.verifiedUser(http, "eli");
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", "Dee's room")
      .put("category", "chat"), owner.accessToken());
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    long roomId = created.json().getJsonObject("room").getLong("id");
    Page foreign = open(other, "eli", "/host.html?id=" + roomId);
    PlaywrightAssertions.assertThat(foreign.locator("#not-allowed")).hasText(
      "This room belongs to another host. You can watch it on its viewer page.");
    PlaywrightAssertions.assertThat(foreign.locator("#console")).isHidden();
  }

  /** Fills and sends the console's create form; returns the new room's id (also in the page's URL). */
  private static long createRoom(Page console) {
    console.locator("#create-title").fill("Late jazz");
    console.locator("#create-category").fill("music");
    console.locator("#create-tags").fill("jazz, piano");
    console.locator("#create-submit").click();
    PlaywrightAssertions.assertThat(console.locator("#console")).isVisible();
    PlaywrightAssertions.assertThat(console.locator("#room-title")).hasText("Late jazz");
    PlaywrightAssertions.assertThat(console.locator("#room-status")).hasText("Not live");
    PlaywrightAssertions.assertThat(console.locator("#stream-key")).isVisible();
    long roomId = Long.parseLong(console.locator("#room-id").textContent());
    assertThat(console.url()).endsWith("/host.html?id=" + roomId);
    return roomId;
  }

  /** What a media server (SRS's http_hooks) sends when an encoder publishes with {@code key}. */
  private static TestHttp.Response onPublish(String key) {
    return http.post("/api/v1/media/on-publish", new JsonObject().put("action", "on_publish").put("app", "live")
      .put("stream", key));
  }

  private static JsonObject room(long roomId, TestUser user) {
    TestHttp.Response r = http.get("/api/v1/rooms/" + roomId, user.accessToken());
    assertThat(r.status()).as("room: %s", r).isEqualTo(200);
    return r.json();
  }

  private static Page open(TestUser user, String nickname, String path) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())
        .put("nickname", nickname)));
    page.navigate(path);
    return page;
  }

  private static void chat(Page page, String text) {
    page.locator("#chat-text").fill(text);
    page.locator("#chat-text").press("Enter");
  }

  private static Locator chatLog(Page page) {
    return page.locator("#chat-log");
  }
}
