package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.Node;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpServer;
import io.liveroom.support.ProductionConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sign-up page in headless Chromium, against a node in dev mode")
class SignUpPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

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
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-outbox", "shown");
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

    page.locator("#signup").getByLabel(Pattern.compile("I have read and accept the privacy policy")).check();
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
    assertThat(me.json().getString("phone")).as("the masked phone").endsWith(phone.substring(phone.length() - 4));
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

  @Test
  @DisplayName("On a production node the code goes to the SMS gateway only: the page shows no code and no banner")
  void productionShowsNoCode() throws IOException {
    List<JsonObject> texted = new CopyOnWriteArrayList<>();
    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/sms", exchange -> {
      texted.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    gateway.start();
    Node production = TestNodes.start(json -> {
      ProductionConfig.apply(json, "identity", "ai", "ai-paint");
      json.getJsonObject("accounts").getJsonObject("sms").put("sender", "http")
        .put("httpUrl", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms")
        .put("httpSecret", "sms-gateway-secret-for-tests");
    });
    try {
      Page page = BROWSERS.context(production.httpPort()).newPage();
      page.navigate("/signin.html");
      PlaywrightAssertions.assertThat(page.locator("#policy-version")).not().hasText("…");
      String phone = TestUsers.newPhone();
      page.locator("#signup-phone").fill(phone);
      page.locator("#signup-send").click();
      PlaywrightAssertions.assertThat(page.locator("#message")).hasText("A code is on its way to " + phone + ".");
      assertThat(texted).hasSize(1);
      String code = texted.get(0).getString("code");
      assertThat(code).matches("[0-9]{6}");
      PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-outbox", "absent");
      PlaywrightAssertions.assertThat(page.locator("#dev-banner")).isHidden();
      assertThat(page.locator("main").innerText()).doesNotContain(code);
    } finally {
      TestNodes.stop(production);
      gateway.stop(0);
    }
  }
}
