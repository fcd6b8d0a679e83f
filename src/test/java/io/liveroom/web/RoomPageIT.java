package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Room viewer in headless Chromium: live chat, likes, presence and recovery through centrifuge-js")
class RoomPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final LocatorAssertions.HasAttributeOptions SLOW =
    new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("Host and viewer see each other's chat, the viewer's likes and the audience; a dropped viewer recovers what it missed")
  void chatLikesAndRecovery() {
    TestUser host = WebFixtures.verifiedUser(http, "host");
    TestUser viewer = WebFixtures.verifiedUser(http, "viewer");
    long roomId = WebFixtures.liveRoom(http, host, "Evening show");
    Page hostPage = openRoom(host, roomId);
    Page viewerPage = openRoom(viewer, roomId);
    connected(hostPage);
    connected(viewerPage);
    PlaywrightAssertions.assertThat(viewerPage.locator("#room-title")).hasText("Evening show");
    PlaywrightAssertions.assertThat(viewerPage.locator("#room-status")).hasText("Live");

    chat(viewerPage, "hello from the viewer");
    PlaywrightAssertions.assertThat(chatLog(viewerPage)).containsText("hello from the viewer");
    PlaywrightAssertions.assertThat(chatLog(hostPage)).containsText("viewer");
    PlaywrightAssertions.assertThat(chatLog(hostPage)).containsText("hello from the viewer");
    chat(hostPage, "welcome, viewer");
    PlaywrightAssertions.assertThat(chatLog(viewerPage)).containsText("welcome, viewer");

    for (int i = 0; i < 3; i++) {
      viewerPage.locator("#like").click();
    }
    PlaywrightAssertions.assertThat(viewerPage.locator("#like-total")).hasText("3");
    PlaywrightAssertions.assertThat(hostPage.locator("#like-total")).hasText("3");
    PlaywrightAssertions.assertThat(viewerPage.locator("#presence-count")).hasText("2",
      new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    assertThat(Browsers.fitsWidth(viewerPage)).as("room page fits 375 px").isTrue();

    // The viewer's network drops: the SDK sees the browser go offline and closes its socket.
    viewerPage.context().setOffline(true);
    PlaywrightAssertions.assertThat(viewerPage.locator("#connection")).hasAttribute("data-state", "reconnecting", SLOW);
    List<String> missed = List.of("missed one", "missed two", "missed three");
    for (String text : missed) {
      chat(hostPage, text);
      PlaywrightAssertions.assertThat(chatLog(hostPage)).containsText(text);
    }
    PlaywrightAssertions.assertThat(viewerPage.locator("#connection")).hasAttribute("data-state", "reconnecting");
    PlaywrightAssertions.assertThat(chatLog(viewerPage)).not().containsText("missed one");

    viewerPage.context().setOffline(false);
    PlaywrightAssertions.assertThat(viewerPage.locator("#connection")).hasAttribute("data-state", "recovered", SLOW);
    PlaywrightAssertions.assertThat(viewerPage.locator("#connection")).hasText("Reconnected: missed messages recovered.");
    for (String text : missed) {
      PlaywrightAssertions.assertThat(chatLog(viewerPage)).containsText(text);
    }
    // Each message once, in order.
    List<String> texts = chatLog(viewerPage).locator("li.chat .text").allTextContents();
    assertThat(texts).containsSubsequence(List.of("hello from the viewer", "welcome, viewer", "missed one",
      "missed two", "missed three")).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("A viewer who may not chat sees the protocol's refusal as a readable sentence")
  void readableRefusal() {
    TestUser host = WebFixtures.verifiedUser(http, "host2");
    TestUser unverified = TestUsers.register(http, TestUsers.newPhone(), "unverified");
    long roomId = WebFixtures.liveRoom(http, host, "Evening show");
    Page page = openRoom(unverified, roomId);
    connected(page);
    chat(page, "may I speak?");
    PlaywrightAssertions.assertThat(page.locator("#message"))
      .hasText("Only identity-verified users can chat. You can still watch.");
    PlaywrightAssertions.assertThat(chatLog(page)).not().containsText("may I speak?");
  }

  private static Page openRoom(TestUser user, long roomId) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    page.navigate("/room.html?id=" + roomId);
    return page;
  }

  private static void connected(Page page) {
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected", SLOW);
  }

  private static void chat(Page page, String text) {
    page.locator("#chat-text").fill(text);
    page.locator("#chat-text").press("Enter");
  }

  private static Locator chatLog(Page page) {
    return page.locator("#chat-log");
  }
}
