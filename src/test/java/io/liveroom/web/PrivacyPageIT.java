package io.liveroom.web;

import com.microsoft.playwright.Download;
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

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Privacy center in headless Chromium: consents with history, data export, account cancellation")
class PrivacyPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A user grants then withdraws the location consent and sees both in the history, with the policy versions")
  void locationConsentGrantedThenWithdrawn() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "consenter");
    Page page = open(user);
    PlaywrightAssertions.assertThat(page.locator("#policy-current")).hasText(TestUsers.policyVersion());
    PlaywrightAssertions.assertThat(page.locator("#policy-accepted")).hasText(TestUsers.policyVersion());
    Locator location = page.locator("li.consent[data-purpose=location]");
    PlaywrightAssertions.assertThat(location).hasAttribute("data-granted", "false");
    PlaywrightAssertions.assertThat(location).containsText("grid");

    location.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
    PlaywrightAssertions.assertThat(location).hasAttribute("data-granted", "true");
    location.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
    PlaywrightAssertions.assertThat(location).hasAttribute("data-granted", "false");

    Locator history = page.locator("#consent-history li[data-purpose=location]");
    PlaywrightAssertions.assertThat(history).hasCount(2);
    PlaywrightAssertions.assertThat(history.nth(0)).containsText("withdrawn");
    PlaywrightAssertions.assertThat(history.nth(1)).containsText("granted");
    // The page changed the server's ledger, not just its own view.
    JsonObject current = http.get("/api/v1/me/consents", user.accessToken()).json();
    assertThat(current.getJsonArray("consents").stream().map(JsonObject.class::cast)
      .filter(c -> "location".equals(c.getString("purpose"))).findFirst().orElseThrow().getBoolean("granted")).isFalse();
    assertThat(http.get("/api/v1/me/consents/history", user.accessToken()).json().getJsonArray("records")
      .stream().map(JsonObject.class::cast).filter(r -> "web".equals(r.getString("source")))).hasSize(2);
    assertThat(Browsers.fitsWidth(page)).as("privacy page fits 375 px").isTrue();
  }

  @Test
  @DisplayName("A user requests an export, sees it become ready and downloads a JSON document with their id and data categories")
  void exportRequestedAndDownloaded() throws Exception {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "exporter");
    Page page = open(user);
    page.locator("#export-request").click();
    PlaywrightAssertions.assertThat(page.locator("#export-status")).hasAttribute("data-status", "ready",
      new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
    PlaywrightAssertions.assertThat(page.locator("#export-status")).hasText("Your data is ready.");
    Download download = page.waitForDownload(() -> page.locator("#export-download").click());
    assertThat(download.failure()).isNull();
    JsonObject doc = new JsonObject(Files.readString(download.path()));
    assertThat(doc.getLong("userId")).isEqualTo(user.id());
    JsonObject categories = doc.getJsonObject("categories");
    assertThat(categories.fieldNames()).contains("profile", "contact");
    assertThat(categories.getJsonObject("profile").getString("nickname")).isEqualTo("exporter");
    assertThat(Browsers.fitsWidth(page)).as("privacy page fits 375 px with the export shown").isTrue();
  }

  @Test
  @DisplayName("A user cancels the account with the password, sees the cooling-off period, and withdraws by signing in again")
  void cancellationRequestedAndWithdrawn() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "leaver");
    Page page = open(user);
    PlaywrightAssertions.assertThat(page.locator("li.consent")).hasCount(3);
    page.locator("#cancel-password").fill(user.password());
    page.locator("#cancel-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#cancel-state")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#cooling-off")).hasText("30 days");
    PlaywrightAssertions.assertThat(page.locator("#export")).isHidden();
    // The account is frozen: the old token is refused.
    TestHttp.Response me = http.get("/api/v1/me", user.accessToken());
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.json().getString("code")).isEqualTo("cancellation_pending");

    page.locator("#withdraw-phone").fill(user.phone());
    page.locator("#withdraw-password").fill(user.password());
    page.locator("#withdraw-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Cancellation withdrawn. Your account is active again.");
    PlaywrightAssertions.assertThat(page.locator("li.consent")).hasCount(3);
    PlaywrightAssertions.assertThat(page.locator("#signed-in")).isVisible();
    TestHttp.Response login = http.post("/api/v1/auth/login", new JsonObject().put("phone", user.phone())
      .put("password", user.password()));
    assertThat(login.status()).as("login after withdrawal: %s", login).isEqualTo(200);
  }

  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    page.navigate("/privacy.html");
    return page;
  }
}
