package io.liveroom.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.oidc.OidcFixture;
import io.liveroom.oidc.TestOpenIdProvider;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an OpenID provider from the sign-in page, in headless Chromium: the real test
 * provider (tools/oidc) with its own login form, our web flow, and the page swapping the
 * callback's exchange code for the session.
 */
@DisplayName("Sign-in page: continue with an OpenID provider, in headless Chromium")
class OidcSignInPageIT {
  static final int PORT = TestOpenIdProvider.freePort();
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(),
    "http://127.0.0.1:" + PORT + OidcFixture.PATH + "/callback");

  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, PORT, 0)).build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();

  static final String PHONE_SENTENCE =
    "Chat and gifts need a phone number on your account (the real-name rules). You can still watch.";

  private static long liveRoom() {
    TestUsers.TestUser host = TestUsers.register(node.http());
    TestUsers.markVerifiedAdult(host.id());
    TestHttp.Response created = node.http().post("/api/v1/rooms", new JsonObject().put("title", "Phone gate")
      .put("category", "music"), host.accessToken());
    long room = created.json().getJsonObject("room").getLong("id");
    assertThat(node.http().post("/api/v1/rooms/" + room + "/start", null, host.accessToken()).status()).isEqualTo(200);
    return room;
  }

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  private static Page signInPage(List<String> callbacks) {
    BROWSERS.allowVisitsTo(OP.issuer());
    BrowserContext context = BROWSERS.context(node.httpPort());
    context.onRequest(r -> {
      if (r.url().contains(OidcFixture.PATH + "/callback?")) {
        callbacks.add(r.url());
      }
    });
    Page page = context.newPage();
    page.navigate("/signin.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-oidc", "ready");
    return page;
  }

  /** At the provider's own login form, signs in as {@code login}. */
  private static void logInAtProvider(Page page, String login) {
    page.waitForURL(Pattern.compile(Pattern.quote(OP.issuer()) + "/interaction/.*"));
    PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Sign in to the test provider");
    page.getByLabel("Login name").fill(login);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
      new Page.GetByRoleOptions().setName("Sign in")).click();
  }

  @Test
  @DisplayName("A new user continues with the provider, logs in there, accepts the policy and lands signed in; the room page says chat needs a phone; a replayed callback is a sentence")
  void continueWithProvider() {
    List<String> callbacks = new CopyOnWriteArrayList<>();
    Page page = signInPage(callbacks);
    PlaywrightAssertions.assertThat(page.locator("#email-login")).isHidden();
    assertThat(Browsers.fitsWidth(page)).as("sign-in page with its provider button fits 375 px").isTrue();

    String subject = "page-" + TestOpenIdProvider.random().substring(0, 8).toLowerCase();
    page.getByText("Continue with Test").click();
    logInAtProvider(page, subject);

    // A first sign-in creates an account: the page asks for the policy, then runs the flow again.
    page.waitForURL(Pattern.compile(".*/signin\\.html$"));
    PlaywrightAssertions.assertThat(page.locator("#oidc-policy")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#message")).containsText("accept the privacy policy");
    page.locator("#oidc-accept").check();
    page.locator("#oidc-policy-submit").click();

    page.waitForURL(Pattern.compile(".*/$|.*/interaction/.*"));
    if (page.url().contains("/interaction/")) {
      logInAtProvider(page, subject);
      page.waitForURL(Pattern.compile(".*/$"));
    }
    PlaywrightAssertions.assertThat(page.locator("#signed-in")).hasText("Signed in as Test " + subject);
    assertThat(Browsers.fitsWidth(page)).isTrue();
    String token = (String) page.evaluate("() => JSON.parse(localStorage.getItem('liveroom.session')).accessToken");
    TestHttp.Response me = node.http().get("/api/v1/me", token);
    assertThat(me.status()).as("%s", me).isEqualTo(200);
    assertThat(me.json().getString("nickname")).isEqualTo("Test " + subject);

    // The account has no phone yet: the room page says so, and its chat refusal reads the same.
    page.navigate("/room.html?id=" + liveRoom());
    PlaywrightAssertions.assertThat(page.locator("#phone-note")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected");
    page.locator("#chat-text").fill("hello");
    page.locator("#chat-send").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText(PHONE_SENTENCE);

    assertThat(callbacks).as("the policy refusal and the sign-in each came through our callback").hasSize(2);
    page.navigate(callbacks.get(1));
    page.waitForURL(Pattern.compile(".*/signin\\.html$"));
    PlaywrightAssertions.assertThat(page.locator("#message"))
      .hasText("This sign-in link is unknown, expired or already used. Please start the sign-in again.");
    assertThat(page.url()).as("the fragment is taken out of the address bar").doesNotContain("#");
  }

  @Test
  @DisplayName("Cancelling at the provider, or a callback with an unknown state, shows a sentence and signs nobody in")
  void cancelledAndUnknownState() {
    Page page = signInPage(new CopyOnWriteArrayList<>());
    page.getByText("Continue with Test").click();
    page.waitForURL(Pattern.compile(Pattern.quote(OP.issuer()) + "/interaction/.*"));
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
      new Page.GetByRoleOptions().setName("Cancel")).click();
    page.waitForURL(Pattern.compile(".*/signin\\.html$"));
    PlaywrightAssertions.assertThat(page.locator("#message")).containsText("You cancelled the sign-in at Test");

    page.navigate(OidcFixture.PATH + "/callback?code=abc&state=" + TestOpenIdProvider.random());
    page.waitForURL(Pattern.compile(".*/signin\\.html$"));
    PlaywrightAssertions.assertThat(page.locator("#message"))
      .hasText("This sign-in link is unknown, expired or already used. Please start the sign-in again.");
    assertThat(page.evaluate("() => localStorage.getItem('liveroom.session')")).as("nobody signed in").isNull();
  }
}
