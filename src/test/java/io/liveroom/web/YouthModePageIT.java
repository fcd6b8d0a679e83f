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

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Youth mode page in headless Chromium: an adult turns it on and off with its password, the room and "
  + "Live now show its refusals, a minor cannot turn it off")
class YouthModePageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final LocatorAssertions.HasAttributeOptions SLOW =
    new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);
  private static final TestHttp http = node.http();
  private static final String YOUTH_PASSWORD = "shared-phone-7";
  private static final String RESTRICTED = "Youth mode is on: gifts, recharge, withdrawals and Nearby are off.";

  @Test
  @DisplayName("An adult turns youth mode on with a password: a gift is refused with the youth sentence and Nearby "
    + "says it is off; a wrong password is refused as a sentence, the right one turns it off and the gift goes through")
  void adultOnAndOff() {
    TestUser host = WebFixtures.verifiedUser(http, "youthhost");
    TestUser viewer = WebFixtures.verifiedUser(http, "parent");
    String admin = WebFixtures.admin(http);
    WebFixtures.catalogGift(http, admin, "Star", 10);
    WebFixtures.credit(http, admin, viewer, 50);
    long roomId = WebFixtures.liveRoom(http, host, "Youth night");

    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(viewer));
    page.navigate("/youth.html");
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasText("Youth mode is off.");
    PlaywrightAssertions.assertThat(page.locator("#usage-live")).hasText("0 of 40 minutes used");
    PlaywrightAssertions.assertThat(page.locator("#curfew-window")).containsText("22:00 to 06:00");
    page.locator("#youth-password").fill(YOUTH_PASSWORD);
    // A zone where it is now midday, so the curfew never interferes whatever time the test runs.
    String zone = middayZone();
    page.locator("#youth-zone").fill(zone);
    page.locator("#switch-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasText("Youth mode is on: you turned it on.");
    PlaywrightAssertions.assertThat(page.locator("#zone-current")).hasText(zone);
    PlaywrightAssertions.assertThat(page.locator("#switch-submit")).hasText("Turn youth mode off");
    assertThat(Browsers.fitsWidth(page)).as("youth page fits 375 px").isTrue();
    assertThat(http.get("/api/v1/me/youth-mode", viewer.accessToken()).json().getBoolean("enabled")).isTrue();

    page.navigate("/room.html?id=" + roomId);
    connected(page);
    PlaywrightAssertions.assertThat(page.locator("#wallet-balance")).hasText("50");
    star(page).click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText(RESTRICTED);
    PlaywrightAssertions.assertThat(page.locator("#wallet-balance")).hasText("50");

    page.navigate("/");
    PlaywrightAssertions.assertThat(page.locator("#nearby-youth")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#nearby")).isHidden();

    page.navigate("/youth.html");
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasAttribute("data-enabled", "true");
    page.locator("#youth-password").fill("not-the-password");
    page.locator("#switch-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("That youth-mode password is wrong.");
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasText("Youth mode is on: you turned it on.");
    page.locator("#youth-password").fill(YOUTH_PASSWORD);
    page.locator("#switch-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasText("Youth mode is off.");

    page.navigate("/");
    PlaywrightAssertions.assertThat(page.locator("#nearby-consent")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#nearby-youth")).isHidden();

    page.navigate("/room.html?id=" + roomId);
    connected(page);
    star(page).click();
    PlaywrightAssertions.assertThat(page.locator("#wallet-balance")).hasText("40");
    PlaywrightAssertions.assertThat(page.locator("#chat-log li.gift")).containsText("sent Star (10 coins)");
  }

  @Test
  @DisplayName("Wrong youth-mode passwords are limited: after five, the page says to wait, even for the right one")
  void tooManyTries() {
    TestUser adult = WebFixtures.verifiedUser(http, "guesser");
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(adult));
    page.navigate("/youth.html");
    page.locator("#youth-password").fill(YOUTH_PASSWORD);
    page.locator("#switch-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasAttribute("data-enabled", "true");
    for (int i = 0; i < 5; i++) {
      page.locator("#youth-password").fill("wrong-guess-" + i);
      page.locator("#switch-submit").click();
      PlaywrightAssertions.assertThat(page.locator("#message")).hasText("That youth-mode password is wrong.");
      page.evaluate("() => { document.getElementById('message').hidden = true; "
        + "document.getElementById('message').textContent = ''; }");
    }
    page.locator("#youth-password").fill(YOUTH_PASSWORD);
    page.locator("#switch-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message"))
      .hasText("Too many wrong passwords. Wait 15 minutes and try again.");
    PlaywrightAssertions.assertThat(page.locator("#youth-state")).hasAttribute("data-enabled", "true");
  }

  @Test
  @DisplayName("A 16-year-old (guardian consent recorded by an admin) sees youth mode on because of age, the "
    + "guardian path, and no way to turn it off")
  void minorCannotTurnItOff() {
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "teen")
      .put("birthDate", LocalDate.now().minusYears(16).minusDays(30).toString())
      .put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.json().getJsonObject("user").getString("status")).isEqualTo("pending_guardian");
    long teen = reg.json().getJsonObject("user").getLong("id");
    TestHttp.Response consent = http.post("/api/v1/admin/users/" + teen + "/guardian-consent",
      new JsonObject().put("relation", "parent").put("evidenceRef", "form-youth-1"), WebFixtures.admin(http));
    assertThat(consent.status()).as("guardian consent: %s", consent).isEqualTo(204);
    TestHttp.Response in = http.post("/api/v1/auth/login",
      new JsonObject().put("phone", phone).put("password", TestUsers.PASSWORD));
    assertThat(in.status()).as("login: %s", in).isEqualTo(200);

    Page page = BROWSERS.signedIn(node.httpPort(), in.json());
    page.navigate("/youth.html");
    PlaywrightAssertions.assertThat(page.locator("#youth-state"))
      .hasText("Youth mode is on because you are a minor. It stays on.");
    PlaywrightAssertions.assertThat(page.locator("#minor")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#minor-text")).containsText("Only your parent or guardian");
    PlaywrightAssertions.assertThat(page.locator("#adult")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#youth-password")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#minor-on")).isHidden();
    assertThat(Browsers.fitsWidth(page)).as("minor's youth page fits 375 px").isTrue();
  }

  private static String middayZone() {
    LocalTime utc = LocalTime.now(ZoneOffset.UTC);
    int minutes = Math.floorMod(12 * 60 - (utc.getHour() * 60 + utc.getMinute()) + 720, 1440) - 720;
    return ZoneOffset.ofTotalSeconds(minutes * 60).getId();
  }

  private static Locator star(Page page) {
    return page.locator("#gift-list button.gift", new Page.LocatorOptions().setHasText("Star · 10"));
  }

  private static void connected(Page page) {
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected", SLOW);
  }
}
