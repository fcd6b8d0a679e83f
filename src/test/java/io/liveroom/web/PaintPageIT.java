package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AI painting page in headless Chromium: paint over centrifuge-js with previews, the gallery, cancel, usage")
class PaintPageIT {
  /** Each simulated step (preview, preview, picture) takes this long, so a preview stays on screen a while. */
  private static final int STEP_MS = 1500;
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().config(c -> {
    JsonObject ai = c.getJsonObject("ai");
    ai.getJsonObject("paint").getJsonObject("simulated").put("stepMs", STEP_MS);
    ai.getJsonObject("moderation").put("blockedWords", new JsonArray().add("contraband"));
  }).build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final LocatorAssertions.HasAttributeOptions LONG =
    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A signed-in user paints: a preview shows, then the picture; it is in the gallery (and the API's), usage counts it, and Delete removes it")
  void paintsAndDeletes() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "painter");
    Page page = open(user);
    PlaywrightAssertions.assertThat(page.locator("#usage")).containsText("Today: 0 of 50 pictures");
    PlaywrightAssertions.assertThat(page.locator("#gallery-empty")).isVisible();

    page.locator("#prompt").fill("a lighthouse at dusk");
    page.locator("#size").selectOption("256x256");
    page.locator("#paint").click();
    PlaywrightAssertions.assertThat(page.locator("#preview")).isVisible(
      new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    assertThat(loaded(page, "#preview")).as("the preview PNG decoded").isTrue();
    PlaywrightAssertions.assertThat(page.locator("#paint-state")).containsText("Painting… (preview");
    PlaywrightAssertions.assertThat(page.locator("#paint-state")).hasAttribute("data-state", "done", LONG);
    PlaywrightAssertions.assertThat(page.locator("#result")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#preview")).isHidden();
    assertThat(loaded(page, "#result")).as("the picture decoded").isTrue();

    JsonArray items = http.get("/api/v1/ai/images", user.accessToken()).json().getJsonArray("items");
    assertThat(items).as("the API's gallery").hasSize(1);
    JsonObject image = items.getJsonObject(0);
    assertThat(image.getString("size")).isEqualTo("256x256");
    Locator picture = page.locator("#gallery li.picture[data-id='" + image.getString("id") + "']");
    PlaywrightAssertions.assertThat(picture).containsText("a lighthouse at dusk");
    assertThat(loaded(page, "#gallery li.picture img")).as("the gallery's picture decoded").isTrue();
    String href = picture.locator("a.download").getAttribute("href");
    // Links are signed afresh on every listing, so the page's and the API's differ only in the signature.
    assertThat(href.split("\\?")[0]).isEqualTo(image.getString("downloadUrl").split("\\?")[0]);
    TestHttp.Response download = http.get(href);
    assertThat(download.status()).as("the download link works").isEqualTo(200);
    assertThat(download.header("Content-Type")).startsWith("image/png");
    PlaywrightAssertions.assertThat(page.locator("#usage")).containsText("Today: 1 of 50 pictures");

    picture.locator("button.delete").click();
    PlaywrightAssertions.assertThat(picture).hasCount(0);
    PlaywrightAssertions.assertThat(page.locator("#gallery-empty")).isVisible();
    assertThat(http.get("/api/v1/ai/images", user.accessToken()).json().getJsonArray("items"))
      .as("the API's gallery after Delete").isEmpty();
    assertThat(Browsers.fitsWidth(page)).as("paint page fits 375 px").isTrue();
  }

  @Test
  @DisplayName("Cancel stops a painting mid-way: the page says cancelled and nothing lands in the gallery; a blocked prompt reads as a sentence")
  void cancelsAndRefuses() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "canceller");
    Page page = open(user);
    page.locator("#prompt").fill("a slow sunrise");
    page.locator("#paint").click();
    PlaywrightAssertions.assertThat(page.locator("#cancel")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#paint-state")).hasAttribute("data-state", "queued");
    page.locator("#cancel").click();
    PlaywrightAssertions.assertThat(page.locator("#paint-state")).hasAttribute("data-state", "cancelled", LONG);
    PlaywrightAssertions.assertThat(page.locator("#cancel")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#result")).isHidden();
    assertThat(http.get("/api/v1/ai/images", user.accessToken()).json().getJsonArray("items"))
      .as("a cancelled painting is not in the gallery").isEmpty();

    page.locator("#prompt").fill("some contraband");
    page.locator("#paint").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("That contains a word that is not allowed here.");
    PlaywrightAssertions.assertThat(page.locator("#paint-state")).hasAttribute("data-state", "refused");
    PlaywrightAssertions.assertThat(page.locator("#prompt")).hasValue("some contraband");
  }

  /** Waits (up to the context's timeout) until the first image matching the selector has decoded. */
  private static boolean loaded(Page page, String selector) {
    page.waitForFunction("s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0; }",
      selector);
    return (Boolean) page.locator(selector).first().evaluate("img => img.complete && img.naturalWidth > 0");
  }

  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(user));
    page.navigate("/paint.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected");
    return page;
  }
}
