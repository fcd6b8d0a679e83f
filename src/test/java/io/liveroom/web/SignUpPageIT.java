package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sign-up page in headless Chromium, against a node in dev mode")
class SignUpPageIT {
  @RegisterExtension
  static final Browsers BROWSERS = new Browsers();
  private static Node node;
  private static TestHttp http;

  @BeforeAll
  static void boot() {
    TestInfra.get().reset();
    node = TestNodes.start();
    http = new TestHttp(node.httpPort());
    BROWSERS.launch();
  }

  @AfterEach
  void closePages() {
    BROWSERS.closeContexts();
  }

  @AfterAll
  static void shutdown() {
    BROWSERS.close();
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("A user sees the policy, gets the dev outbox's code under the stand-in banner, signs up and lands signed in")
  void signUp() {
    Page page = BROWSERS.context(node.httpPort()).newPage();
    page.navigate("/signin.html");
    PlaywrightAssertions.assertThat(page.locator("#policy-version")).hasText(TestUsers.policyVersion());
    PlaywrightAssertions.assertThat(page.locator("#dev-banner")).isHidden();

    String phone = TestUsers.newPhone();
    page.locator("#signup-phone").fill(phone);
    page.locator("#signup-send").click();
    PlaywrightAssertions.assertThat(page.locator("#dev-banner")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#dev-banner")).containsText("Development stand-in");
    String code = page.locator("#dev-code").textContent();
    assertThat(code).matches("[0-9]{6}").isEqualTo(TestUsers.latestCode(http, phone, "register"));
    assertThat(Browsers.fitsWidth(page)).as("sign-in page fits 375 px").isTrue();

    page.locator("#signup-code").fill(code);
    page.locator("#signup-nickname").fill("webuser");
    page.locator("#signup-password").fill(TestUsers.PASSWORD);
    page.locator("#signup-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).containsText("accept the privacy policy");
    assertThat(page.url()).endsWith("/signin.html");

    page.getByLabel(Pattern.compile("I have read and accept the privacy policy")).check();
    page.locator("#signup-submit").click();
    page.waitForURL(Pattern.compile(".*/$"));
    PlaywrightAssertions.assertThat(page.locator("#signed-in")).hasText("Signed in as webuser");
    PlaywrightAssertions.assertThat(page.locator("#hot-title")).isVisible();
    assertThat(Browsers.fitsWidth(page)).as("live page fits 375 px").isTrue();

    // The page holds a working session of that account.
    String token = (String) page.evaluate("() => JSON.parse(localStorage.getItem('liveroom.session')).accessToken");
    TestHttp.Response me = http.get("/api/v1/me", token);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("nickname")).isEqualTo("webuser");
    assertThat(me.json().getString("phone")).isEqualTo(phone);
  }

  @Test
  @DisplayName("A registered user signs in with a password; a wrong one is a readable message")
  void signInWithPassword() {
    TestUsers.TestUser user = TestUsers.register(http, TestUsers.newPhone(), "returning");
    Page page = BROWSERS.context(node.httpPort()).newPage();
    page.navigate("/signin.html");
    page.locator("#tab-signin").click();
    page.locator("#signin-phone").fill(user.phone());
    page.getByLabel("my password").check();
    page.locator("#signin-password").fill("not the password");
    page.locator("#signin-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Wrong phone number or password.");
    page.locator("#signin-password").fill(user.password());
    page.locator("#signin-submit").click();
    page.waitForURL(Pattern.compile(".*/$"));
    PlaywrightAssertions.assertThat(page.locator("#signed-in")).hasText("Signed in as returning");
  }
}
