package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sign-in page with email login on: the email form signs in with a verified address, in headless Chromium")
class EmailSignInPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("accounts").getJsonObject("email")
    .put("sender", "dev-outbox").put("login", true)).build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  private static String verifiedEmail(TestUsers.TestUser u) {
    String address = "e" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    assertThat(http.post("/api/v1/me/email", new JsonObject().put("email", address).put("currentPassword", u.password()),
      u.accessToken()).status()).isEqualTo(202);
    String code = http.get("/api/v1/dev/email-outbox?address=" + address).json().getJsonArray("messages")
      .getJsonObject(0).getString("code");
    assertThat(http.post("/api/v1/me/email/verification", new JsonObject().put("code", code), u.accessToken()).status())
      .isEqualTo(200);
    return address;
  }

  @Test
  @DisplayName("The email form shows (no provider buttons without providers); a wrong password is a sentence, the right one signs in")
  void emailSignIn() {
    TestUsers.TestUser user = TestUsers.register(http, TestUsers.newPhone(), "mailer");
    String address = verifiedEmail(user);
    Page page = BROWSERS.context(node.httpPort()).newPage();
    page.navigate("/signin.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-oidc", "ready");
    PlaywrightAssertions.assertThat(page.locator("#email-login")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#oidc")).isHidden();
    assertThat(Browsers.fitsWidth(page)).isTrue();

    page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(address);
    page.locator("#email-password").fill("not the password");
    page.locator("#email-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Wrong email or password.");

    page.locator("#email-password").fill(user.password());
    page.locator("#email-submit").click();
    page.waitForURL(Pattern.compile(".*/$"));
    PlaywrightAssertions.assertThat(page.locator("#signed-in")).hasText("Signed in as mailer");
  }
}
