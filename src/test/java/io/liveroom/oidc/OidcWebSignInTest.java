package io.liveroom.oidc;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web flow against a real OpenID provider: our start endpoint sends the browser to the
 * provider with state, nonce and a PKCE challenge (and binds the state to the browser with a
 * cookie); the provider sends it back to our callback with a code, which the node exchanges
 * (client secret and verifier) for the ID token; the callback then sends the browser to the
 * sign-in page with a single-use exchange code, which the page swaps for our tokens.
 */
class OidcWebSignInTest {
  static final int PORT = TestOpenIdProvider.freePort();
  static final String CALLBACK = "http://127.0.0.1:" + PORT + OidcFixture.PATH + "/callback";
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(), CALLBACK);

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, PORT, 0)).build();

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  /** A sign-in started by one browser: its binding cookie and the callback URL the provider sent it to. */
  record Started(String cookie, String callbackUrl) {
  }

  private static Started throughProvider(HttpClient browser, String subject) {
    TestHttp.Response start = node.http().get(OidcFixture.PATH + "/start?policyVersion=" + TestUsers.policyVersion()
      + "&loginHint=" + subject);
    assertThat(start.status()).as("%s", start).isEqualTo(302);
    String location = start.header("Location");
    assertThat(location).startsWith(OP.issuer() + "/auth?").contains("code_challenge_method=S256")
      .contains("state=").contains("nonce=").contains("client_id=" + TestOpenIdProvider.WEB_CLIENT);
    String setCookie = start.header("Set-Cookie");
    assertThat(setCookie).startsWith(WebHandoff.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
      .contains("Path=/api/v1/auth/oidc");
    return new Started(setCookie.substring(0, setCookie.indexOf(';')), OP.followUntil(browser, location, CALLBACK));
  }

  private static TestHttp.Response callback(String url, String cookie) {
    URI u = URI.create(url);
    return node.http().send("GET", u.getRawPath() + "?" + u.getRawQuery(), null,
      cookie == null ? Map.of() : Map.of("Cookie", cookie));
  }

  private static TestHttp.Response exchange(String code, String cookie) {
    return node.http().send("POST", OidcFixture.PATH.replace("/test", "/exchange"),
      new JsonObject().put("code", code).encode(), Map.of("Cookie", cookie));
  }

  /** The fragment's value for {@code name} in the callback's redirect to the sign-in page. */
  private static String fragment(TestHttp.Response r, String name) {
    assertThat(r.status()).as("%s", r).isEqualTo(303);
    String location = r.header("Location");
    assertThat(location).startsWith("/signin.html#");
    for (String pair : location.substring(location.indexOf('#') + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + location);
  }

  @Test
  @DisplayName("The code flow with PKCE signs a new user in: the page gets an exchange code, not tokens, and swaps it once")
  void codeFlowSignsIn() {
    String subject = "web-" + random().substring(0, 8);
    Started started = throughProvider(TestOpenIdProvider.newBrowser(), subject);
    TestHttp.Response back = callback(started.callbackUrl(), started.cookie());
    String code = fragment(back, "oidc");
    assertThat(back.header("Location")).doesNotContain("accessToken").doesNotContain("ey");
    assertThat(back.header("Cache-Control")).isEqualTo("no-store");

    TestHttp.Response done = exchange(code, started.cookie());
    assertThat(done.status()).as("%s", done).isEqualTo(201);
    assertThat(done.header("Cache-Control")).isEqualTo("no-store");
    assertThat(node.http().get("/api/v1/me", done.json().getString("accessToken")).json().getString("nickname"))
      .isEqualTo("Test " + subject);

    TestHttp.Response twice = exchange(code, started.cookie());
    assertThat(twice.status()).as("the exchange code is single use: %s", twice).isEqualTo(400);
    assertThat(twice.json().getString("code")).isEqualTo("oidc_exchange_invalid");
    assertThat(fragment(callback(started.callbackUrl(), started.cookie()), "oidc_error"))
      .as("the same callback twice").isEqualTo("oidc_state_invalid");
  }

  @Test
  @DisplayName("A callback URL or an exchange code carried to another browser signs nobody in there")
  void boundToTheStartingBrowser() {
    Started a = throughProvider(TestOpenIdProvider.newBrowser(), "bound-a");
    assertThat(fragment(callback(a.callbackUrl(), null), "oidc_error")).as("no cookie").isEqualTo("oidc_state_invalid");

    Started b = throughProvider(TestOpenIdProvider.newBrowser(), "bound-b");
    String code = fragment(callback(b.callbackUrl(), b.cookie()), "oidc");
    TestHttp.Response stolen = exchange(code, WebHandoff.COOKIE + "=" + random());
    assertThat(stolen.status()).as("%s", stolen).isEqualTo(400);
    assertThat(stolen.json().getString("code")).isEqualTo("oidc_exchange_invalid");
    assertThat(exchange(code, b.cookie()).status()).as("a code tried elsewhere is spent").isEqualTo(400);
  }

  @Test
  @DisplayName("A code presented with another sign-in's state fails: the code is bound to its own PKCE verifier")
  void codeIsBoundToItsVerifier() {
    Started a = throughProvider(TestOpenIdProvider.newBrowser(), "pkce-a");
    Started b = throughProvider(TestOpenIdProvider.newBrowser(), "pkce-b");
    String swapped = CALLBACK + "?code=" + TestOpenIdProvider.queryParam(a.callbackUrl(), "code") + "&state="
      + TestOpenIdProvider.queryParam(b.callbackUrl(), "state");
    TestHttp.Response r = callback(swapped, b.cookie());
    assertThat(fragment(r, "oidc_error")).isEqualTo("oidc_token_invalid");
    assertThat(fragment(r, "reason")).isEqualTo("code");
  }

  @Test
  @DisplayName("A callback with an unknown state is refused before any code exchange")
  void unknownStateIsRefused() {
    TestHttp.Response r = callback(CALLBACK + "?code=abc&state=" + random(), WebHandoff.COOKIE + "=" + random());
    assertThat(fragment(r, "oidc_error")).isEqualTo("oidc_state_invalid");
    assertThat(fragment(r, "provider")).isEqualTo("test");
  }

  @Test
  @DisplayName("The sign-in page learns the configured providers and whether email login is on")
  void providersAreListed() {
    TestHttp.Response r = node.http().get("/api/v1/auth/oidc/providers");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json()).isEqualTo(new JsonObject().put("providers", new JsonArray()
      .add(new JsonObject().put("id", "test").put("name", "Test"))).put("emailLogin", false));
  }
}
