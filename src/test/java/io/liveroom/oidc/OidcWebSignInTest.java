package io.liveroom.oidc;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;

import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web flow against a real OpenID provider: our start endpoint sends the browser to the
 * provider with state, nonce and a PKCE challenge; the provider sends it back to our callback with
 * a code, which the node exchanges (client secret and verifier) for the ID token.
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

  /** Starts a sign-in and follows the provider until it redirects to our callback; returns that URL. */
  private static String throughProvider(HttpClient browser, String subject) {
    TestHttp.Response start = node.http().get(OidcFixture.PATH + "/start?policyVersion=" + TestUsers.policyVersion()
      + "&loginHint=" + subject);
    assertThat(start.status()).as("%s", start).isEqualTo(302);
    String location = start.header("Location");
    assertThat(location).startsWith(OP.issuer() + "/auth?").contains("code_challenge_method=S256")
      .contains("state=").contains("nonce=").contains("client_id=" + TestOpenIdProvider.WEB_CLIENT);
    return OP.followUntil(browser, location, CALLBACK);
  }

  private static TestHttp.Response callback(String url) {
    URI u = URI.create(url);
    return node.http().get(u.getRawPath() + "?" + u.getRawQuery());
  }

  @Test
  @DisplayName("The code flow with PKCE signs a new user in through our callback, and its state works once")
  void codeFlowSignsIn() {
    String subject = "web-" + random().substring(0, 8);
    String back = throughProvider(TestOpenIdProvider.newBrowser(), subject);
    TestHttp.Response done = callback(back);
    assertThat(done.status()).as("%s", done).isEqualTo(201);
    assertThat(done.json().getString("accessToken")).isNotBlank();
    assertThat(done.header("Cache-Control")).isEqualTo("no-store");
    assertThat(node.http().get("/api/v1/me", done.json().getString("accessToken")).json().getString("nickname"))
      .isEqualTo("Test " + subject);

    TestHttp.Response again = callback(back);
    assertThat(again.status()).as("the same callback twice: %s", again).isEqualTo(400);
    assertThat(again.json().getString("code")).isEqualTo("oidc_state_invalid");
  }

  @Test
  @DisplayName("A code presented with another sign-in's state fails: the code is bound to its own PKCE verifier")
  void codeIsBoundToItsVerifier() {
    String a = throughProvider(TestOpenIdProvider.newBrowser(), "pkce-a");
    String b = throughProvider(TestOpenIdProvider.newBrowser(), "pkce-b");
    String swapped = CALLBACK + "?code=" + TestOpenIdProvider.queryParam(a, "code") + "&state="
      + TestOpenIdProvider.queryParam(b, "state");
    OidcMobileSignInTest.assertRefused(callback(swapped), "code");
  }

  @Test
  @DisplayName("A callback with an unknown state is refused before any code exchange")
  void unknownStateIsRefused() {
    TestHttp.Response r = callback(CALLBACK + "?code=abc&state=" + random());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("code")).isEqualTo("oidc_state_invalid");
  }
}
