package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("People page in headless Chromium: search, follow, block, search history, avatar upload")
class PeoplePageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A finds B by a Chinese nickname prefix, follows (counts agree with the API), unfollows, blocks (B's follow is refused), and clears the search history")
  void searchFollowBlockAndHistory() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser a = TestUsers.register(http, TestUsers.newPhone(), "searcher" + suffix);
    TestUser b = TestUsers.register(http, TestUsers.newPhone(), "小明" + suffix);
    TestUser c = TestUsers.register(http, TestUsers.newPhone(), "ann" + suffix);
    Page page = open(a);

    page.locator("#search-q").fill("小明");
    page.locator("#search-submit").click();
    Locator bCard = page.locator("#results li.person[data-user-id='" + b.id() + "']");
    PlaywrightAssertions.assertThat(bCard).containsText("小明" + suffix);
    PlaywrightAssertions.assertThat(bCard.locator(".followers")).hasText("0");

    bCard.locator("button.follow").click();
    PlaywrightAssertions.assertThat(bCard).hasAttribute("data-following", "true");
    PlaywrightAssertions.assertThat(bCard.locator(".followers")).hasText("1");
    PlaywrightAssertions.assertThat(page.locator("#my-following")).hasText("1");
    JsonObject profile = http.get("/api/v1/users/" + b.id(), a.accessToken()).json();
    assertThat(profile.getInteger("followerCount")).isEqualTo(1);
    assertThat(profile.getBoolean("youFollow")).isTrue();

    // B follows back: the card shows the mutual flag.
    assertThat(http.put("/api/v1/users/" + a.id() + "/follow", null, b.accessToken()).status()).isEqualTo(200);
    page.locator("#search-q").fill("ann" + suffix.substring(0, 2));
    page.locator("#search-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#results li.person[data-user-id='" + c.id() + "']")).isVisible();
    page.locator("#search-q").fill("小明" + suffix);
    page.locator("#search-submit").click();
    PlaywrightAssertions.assertThat(bCard.locator(".mutual")).hasText("You follow each other");

    bCard.locator("button.follow").click();
    PlaywrightAssertions.assertThat(bCard).hasAttribute("data-following", "false");
    PlaywrightAssertions.assertThat(bCard.locator(".followers")).hasText("0");
    assertThat(http.get("/api/v1/users/" + b.id(), a.accessToken()).json().getInteger("followerCount")).isZero();

    bCard.locator("button.block").click();
    PlaywrightAssertions.assertThat(bCard).hasAttribute("data-blocked", "true");
    PlaywrightAssertions.assertThat(bCard.locator("button.block")).hasText("Unblock");
    TestHttp.Response refused = http.put("/api/v1/users/" + a.id() + "/follow", null, b.accessToken());
    assertThat(refused.status()).as("B's follow of A after the block: %s", refused).isEqualTo(403);
    assertThat(refused.json().getString("code")).isEqualTo("user_blocked");

    // The history lists the three distinct queries, newest first; delete one, then clear all.
    Locator history = page.locator("#history-list li.history-entry");
    PlaywrightAssertions.assertThat(history).hasCount(3);
    PlaywrightAssertions.assertThat(history.first()).containsText("小明" + suffix);
    history.first().locator("button.delete").click();
    PlaywrightAssertions.assertThat(history).hasCount(2);
    page.locator("#history-clear").click();
    PlaywrightAssertions.assertThat(history).hasCount(0);
    PlaywrightAssertions.assertThat(page.locator("#history-empty")).isVisible();
    JsonObject stored = http.get("/api/v1/me/search-history", a.accessToken()).json();
    assertThat(stored.getJsonArray("items")).isEmpty();
    assertThat(Browsers.fitsWidth(page)).as("people page fits 375 px").isTrue();
  }

  @Test
  @DisplayName("Following oneself or across a block reads as a sentence; turning history recording off is the server's setting")
  void refusalsAndRecordingSwitch() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser a = TestUsers.register(http, TestUsers.newPhone(), "quiet" + suffix);
    TestUser b = TestUsers.register(http, TestUsers.newPhone(), "blocker" + suffix);
    Page page = open(a);
    page.locator("#search-q").fill("blocker" + suffix);
    page.locator("#search-submit").click();
    Locator bCard = page.locator("#results li.person[data-user-id='" + b.id() + "']");
    PlaywrightAssertions.assertThat(bCard.locator(".followers")).hasText("0");
    // B blocks A after A's page listed B: A's follow is refused with a sentence.
    assertThat(http.put("/api/v1/users/" + a.id() + "/block", null, b.accessToken()).status()).isEqualTo(204);
    bCard.locator("button.follow").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("You cannot do that: one of you has blocked the other.");

    page.locator("#record-history").uncheck();
    PlaywrightAssertions.assertThat(page.locator("#record-history")).not().isChecked();
    assertThat(http.get("/api/v1/me/search-history", a.accessToken()).json().getBoolean("recordHistory")).isFalse();
  }

  @Test
  @DisplayName("A uploads a PNG avatar: the page shows the picture and GET /me has its URL; a text file named .png reads as a sentence")
  void avatarUpload(@TempDir Path dir) throws Exception {
    TestUser a = TestUsers.register(http, TestUsers.newPhone(), "painter");
    Page page = open(a);
    Path png = dir.resolve("avatar.png");
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());

    page.locator("#avatar-file").setInputFiles(png);
    page.locator("#avatar-upload").click();
    PlaywrightAssertions.assertThat(page.locator("#avatar-status")).hasText("Avatar updated.");
    Locator avatar = page.locator("#avatar");
    PlaywrightAssertions.assertThat(avatar).isVisible();
    page.waitForFunction("() => document.getElementById('avatar').complete"
      + " && document.getElementById('avatar').naturalWidth > 0");
    String avatarUrl = http.get("/api/v1/me", a.accessToken()).json().getString("avatarUrl");
    assertThat(avatarUrl).startsWith("/media/");
    assertThat(avatar.getAttribute("src")).isEqualTo(avatarUrl);
    assertThat(Browsers.fitsWidth(page)).as("people page fits 375 px with the avatar").isTrue();

    Path fake = dir.resolve("notes.png");
    Files.writeString(fake, "just some text, not a picture\n");
    page.locator("#avatar-file").setInputFiles(fake);
    page.locator("#avatar-upload").click();
    PlaywrightAssertions.assertThat(page.locator("#message"))
      .hasText("That file is not a picture we can use. Choose a JPEG, PNG, GIF or WebP image.");
    assertThat(http.get("/api/v1/me", a.accessToken()).json().getString("avatarUrl")).isEqualTo(avatarUrl);
  }

  @Test
  @DisplayName("A room search lists live rooms first, as the API orders them, with a link to each room")
  void roomSearchLiveFirst() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser first = verifiedHost("hostone" + suffix);
    TestUser second = verifiedHost("hosttwo" + suffix);
    long live = createRoom(first, "茶会 live " + suffix);
    assertThat(http.post("/api/v1/rooms/" + live + "/start", null, first.accessToken()).status()).isEqualTo(200);
    long idle = createRoom(second, "茶会 later " + suffix);  // newer, but not live
    TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "viewer" + suffix);
    Page page = open(viewer);
    page.locator("#search-type").selectOption("rooms");
    page.locator("#search-q").fill("茶会");
    page.locator("#search-submit").click();
    Locator rooms = page.locator("#results li.room-result");
    PlaywrightAssertions.assertThat(rooms).hasCount(2);
    PlaywrightAssertions.assertThat(rooms.nth(0)).hasAttribute("data-room-id", Long.toString(live));
    PlaywrightAssertions.assertThat(rooms.nth(0).locator(".pill")).hasText("LIVE");
    PlaywrightAssertions.assertThat(rooms.nth(1)).hasAttribute("data-room-id", Long.toString(idle));
    PlaywrightAssertions.assertThat(rooms.nth(1).locator("a")).hasAttribute("href", "/room.html?id=" + idle);
  }

  @Test
  @DisplayName("Without the recommendations consent the suggestions are the most followed accounts, and Follow works from there")
  void suggestedFollows() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser popular = TestUsers.register(http, TestUsers.newPhone(), "popular" + suffix);
    for (int i = 0; i < 3; i++) {
      TestUser fan = TestUsers.register(http, TestUsers.newPhone(), "fan" + i + suffix);
      assertThat(http.put("/api/v1/users/" + popular.id() + "/follow", null, fan.accessToken()).status()).isEqualTo(200);
    }
    TestUser viewer = TestUsers.register(http, TestUsers.newPhone(), "newcomer" + suffix);
    Page page = open(viewer);
    PlaywrightAssertions.assertThat(page.locator("#suggested-kind")).containsText("Popular accounts");
    Locator card = page.locator("#suggestions li.person[data-user-id='" + popular.id() + "']");
    PlaywrightAssertions.assertThat(card.locator(".followers")).hasText("3");
    card.locator("button.follow").click();
    PlaywrightAssertions.assertThat(card.locator(".followers")).hasText("4");
    PlaywrightAssertions.assertThat(card.locator("button.follow")).hasText("Unfollow");
    assertThat(http.get("/api/v1/users/" + popular.id(), viewer.accessToken()).json().getBoolean("youFollow")).isTrue();
  }

  private static TestUser verifiedHost(String nickname) {
    TestUser u = TestUsers.register(http, TestUsers.newPhone(), nickname);
    TestUsers.markVerifiedAdult(u.id());
    return u;
  }

  private static long createRoom(TestUser host, String title) {
    TestHttp.Response created = http.post("/api/v1/rooms", new JsonObject().put("title", title)
      .put("category", "tea"), host.accessToken());
    assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
    return created.json().getJsonObject("room").getLong("id");
  }

  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    page.navigate("/people.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    return page;
  }
}
