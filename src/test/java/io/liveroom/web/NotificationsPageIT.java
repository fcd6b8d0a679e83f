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

import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notifications page in headless Chromium: a new follower arrives live with the unread count; read, delete, settings")
class NotificationsPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("B follows A: A's open page shows the item live and 1 unread; mark all read gives 0; delete empties the inbox")
  void followArrivesLive() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser a = TestUsers.register(http, TestUsers.newPhone(), "star" + suffix);
    TestUser b = TestUsers.register(http, TestUsers.newPhone(), "fan" + suffix);
    Page page = open(a);
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected");
    PlaywrightAssertions.assertThat(page.locator("#unread-count")).hasText("0");
    assertThat(Browsers.fitsWidth(page)).isTrue();

    assertThat(http.put("/api/v1/users/" + a.id() + "/follow", null, b.accessToken()).status()).isEqualTo(200);
    Locator item = page.locator("#items li.notification[data-kind='new_follower']");
    PlaywrightAssertions.assertThat(item).containsText("fan" + suffix + " started following you.");
    PlaywrightAssertions.assertThat(item).hasAttribute("data-read", "false");
    PlaywrightAssertions.assertThat(page.locator("#unread-count")).hasText("1");

    page.locator("#read-all").click();
    PlaywrightAssertions.assertThat(page.locator("#unread-count")).hasText("0");
    PlaywrightAssertions.assertThat(item).hasAttribute("data-read", "true");
    assertThat(http.get("/api/v1/me/notifications/unread-count", a.accessToken()).json().getLong("count")).isZero();

    item.locator("button.delete").click();
    PlaywrightAssertions.assertThat(item).hasCount(0);
    PlaywrightAssertions.assertThat(page.locator("#empty")).isVisible();
    assertThat(http.get("/api/v1/me/notifications", a.accessToken()).json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("Turning off new followers in the app and setting quiet hours is saved through the API")
  void settings() {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser a = TestUsers.register(http, TestUsers.newPhone(), "quiet" + suffix);
    Page page = open(a);
    page.locator("input[name='new_follower.inApp']").uncheck();
    page.locator("#quiet-on").check();
    page.locator("#quiet-start").fill("23:15");
    page.locator("#quiet-end").fill("06:45");
    page.locator("#quiet-zone").fill("Asia/Shanghai");
    page.locator("#settings-save").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Settings saved.");
    JsonObject saved = http.get("/api/v1/me/notification-settings", a.accessToken()).json();
    assertThat(saved.getJsonObject("kinds").getJsonObject("new_follower").getBoolean("inApp")).isFalse();
    assertThat(saved.getJsonObject("kinds").getJsonObject("new_follower").getBoolean("push")).isTrue();
    assertThat(saved.getJsonObject("quietHours")).isEqualTo(new JsonObject().put("start", "23:15").put("end", "06:45")
      .put("timeZone", "Asia/Shanghai"));
  }

  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    page.navigate("/notifications.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    return page;
  }
}
