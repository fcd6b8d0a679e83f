package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Room viewer in headless Chromium: gifts and the wallet, gift events, leaderboards, aggregated likes, staff controls")
class RoomGiftsPageIT {
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
  @DisplayName("A credited viewer sends a gift: the balance drops by its price, viewer and host see the gift, "
    + "both leaderboards list the viewer; a gift beyond the balance reads as a sentence and charges nothing")
  void giftWithWalletAndLeaderboards() {
    TestUser host = WebFixtures.verifiedUser(http, "gifthost");
    TestUser viewer = WebFixtures.verifiedUser(http, "giver");
    String admin = WebFixtures.admin(http);
    WebFixtures.catalogGift(http, admin, "Heart", 10);
    WebFixtures.catalogGift(http, admin, "Rose", 1);
    WebFixtures.credit(http, admin, viewer, 15);
    long roomId = WebFixtures.liveRoom(http, host, "Gift night");
    Page hostPage = openRoom(host, roomId);
    Page viewerPage = openRoom(viewer, roomId);
    connected(hostPage);
    connected(viewerPage);
    PlaywrightAssertions.assertThat(viewerPage.locator("#wallet-balance")).hasText("15");
    PlaywrightAssertions.assertThat(hostPage.locator("#gift-list")).isHidden();
    PlaywrightAssertions.assertThat(hostPage.locator("#gift-host-note")).isVisible();
    PlaywrightAssertions.assertThat(viewerPage.locator("#board-session-empty")).hasText("No gifts yet.");

    heart(viewerPage).click();
    PlaywrightAssertions.assertThat(viewerPage.locator("#wallet-balance")).hasText("5");
    for (Page page : new Page[] {viewerPage, hostPage}) {
      Locator gift = page.locator("#chat-log li.gift");
      PlaywrightAssertions.assertThat(gift).hasCount(1);
      PlaywrightAssertions.assertThat(gift).containsText("giver");
      PlaywrightAssertions.assertThat(gift).containsText("sent Heart (10 coins)");
      PlaywrightAssertions.assertThat(page.locator("#board-session li")).hasText(new String[] {"giver 10 coins"});
      PlaywrightAssertions.assertThat(page.locator("#board-room li")).hasText(new String[] {"giver 10 coins"});
    }
    assertThat(Browsers.fitsWidth(viewerPage)).as("room page with gifts fits 375 px").isTrue();

    heart(viewerPage).click();
    PlaywrightAssertions.assertThat(viewerPage.locator("#message")).hasText("You do not have enough coins for that gift.");
    PlaywrightAssertions.assertThat(viewerPage.locator("#wallet-balance")).hasText("5");
    PlaywrightAssertions.assertThat(viewerPage.locator("#chat-log li.gift")).hasCount(1);
    assertThat(http.get("/api/v1/me/wallet", viewer.accessToken()).json().getJsonObject("coins").getLong("balance"))
      .as("the server's balance").isEqualTo(5L);
  }

  @Test
  @DisplayName("Likes tapped in quick succession travel as fewer room.like calls than taps, and every tap is counted")
  void likesAggregated() {
    TestUser host = WebFixtures.verifiedUser(http, "likehost");
    TestUser viewer = WebFixtures.verifiedUser(http, "liker");
    long roomId = WebFixtures.liveRoom(http, host, "Gift night");
    Page hostPage = openRoom(host, roomId);
    Page viewerPage = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(viewer));
    AtomicInteger likeCalls = new AtomicInteger();
    viewerPage.onWebSocket(ws -> ws.onFrameSent(frame -> {
      if (frame.text() != null && frame.text().contains("\"room.like\"")) {
        likeCalls.incrementAndGet();
      }
    }));
    viewerPage.navigate("/room.html?id=" + roomId);
    connected(hostPage);
    connected(viewerPage);

    int taps = 10;
    for (int i = 0; i < taps; i++) {
      viewerPage.locator("#like").click();
    }
    PlaywrightAssertions.assertThat(viewerPage.locator("#like-total")).hasText(String.valueOf(taps));
    PlaywrightAssertions.assertThat(hostPage.locator("#like-total")).hasText(String.valueOf(taps));
    assertThat(likeCalls.get()).as("room.like calls for %d taps", taps).isBetween(1, taps - 1);
  }

  @Test
  @DisplayName("Only staff see moderation controls: the host deletes a viewer's message and mutes the viewer, whose "
    + "next message is refused as a sentence; an appointed moderator sees the controls too")
  void staffControls() {
    TestUser host = WebFixtures.verifiedUser(http, "modhost");
    TestUser viewer = WebFixtures.verifiedUser(http, "chatter");
    TestUser moderator = WebFixtures.verifiedUser(http, "helper");
    long roomId = WebFixtures.liveRoom(http, host, "Gift night");
    assertThat(http.post("/api/v1/rooms/" + roomId + "/moderators", new JsonObject().put("userId", moderator.id()),
      host.accessToken()).status()).isEqualTo(204);
    Page hostPage = openRoom(host, roomId);
    Page viewerPage = openRoom(viewer, roomId);
    Page moderatorPage = openRoom(moderator, roomId);
    connected(hostPage);
    connected(viewerPage);
    connected(moderatorPage);

    chat(viewerPage, "delete me please");
    chat(viewerPage, "second thought");
    Locator doomed = chatLine(hostPage, "delete me please");
    PlaywrightAssertions.assertThat(doomed.locator("details.mod")).hasCount(1);
    PlaywrightAssertions.assertThat(chatLine(moderatorPage, "delete me please").locator("details.mod")).hasCount(1);
    PlaywrightAssertions.assertThat(chatLine(viewerPage, "second thought")).isVisible();
    PlaywrightAssertions.assertThat(viewerPage.locator("#chat-log details.mod")).hasCount(0);

    doomed.locator("summary").click();
    doomed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
    PlaywrightAssertions.assertThat(viewerPage.locator("#chat-log")).not().containsText("delete me please");
    PlaywrightAssertions.assertThat(hostPage.locator("#chat-log")).not().containsText("delete me please");

    Locator second = chatLine(hostPage, "second thought");
    second.locator("summary").click();
    second.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mute 10 min")).click();
    PlaywrightAssertions.assertThat(hostPage.locator("#message")).hasText("chatter is muted for 10 minutes.");
    PlaywrightAssertions.assertThat(viewerPage.locator("#chat-log")).containsText("You were muted.");
    send(viewerPage, "can you hear me");
    PlaywrightAssertions.assertThat(viewerPage.locator("#message")).hasText("You are muted in this room.");
    PlaywrightAssertions.assertThat(hostPage.locator("#chat-log")).not().containsText("can you hear me");
  }

  private static Locator heart(Page page) {
    return page.locator("#gift-list button.gift", new Page.LocatorOptions().setHasText("Heart · 10"));
  }

  private static Locator chatLine(Page page, String text) {
    return page.locator("#chat-log li.chat", new Page.LocatorOptions().setHasText(text));
  }

  private static Page openRoom(TestUser user, long roomId) {
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(user));
    page.navigate("/room.html?id=" + roomId);
    return page;
  }

  private static void connected(Page page) {
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected", SLOW);
  }

  private static void chat(Page page, String text) {
    send(page, text);
    PlaywrightAssertions.assertThat(page.locator("#chat-log")).containsText(text);
  }

  private static void send(Page page, String text) {
    page.locator("#chat-text").fill(text);
    page.locator("#chat-text").press("Enter");
  }
}
