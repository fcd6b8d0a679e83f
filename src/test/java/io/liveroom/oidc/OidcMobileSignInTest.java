package io.liveroom.oidc;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Date;

import static io.liveroom.oidc.OidcFixture.signIn;
import static io.liveroom.oidc.TestOpenIdProvider.APP_CLIENT;
import static io.liveroom.oidc.TestOpenIdProvider.OTHER_CLIENT;
import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mobile flow against a real OpenID provider: the app signs in at the provider with a nonce
 * and hands us the ID token. Every check of the token is shown to refuse what it must.
 */
class OidcMobileSignInTest {
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(), "http://127.0.0.1:1/cb");

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, 0, 0)).build();

  /** A second node on the same PostgreSQL and Redis: a replay sent there must be refused too. */
  @RegisterExtension
  static final LiveNode other = LiveNode.builder().keepData().config(OidcFixture.config(OP, 0, 0)).build();

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  @Test
  @DisplayName("A first sign-in with the provider's ID token creates an account; the next one signs in to it")
  void firstSignInCreatesAccountThenSignsIn() {
    String subject = "alice-" + random().substring(0, 8);
    String nonce = random();
    TestHttp.Response first = signIn(node, OP.idToken(APP_CLIENT, subject, nonce), nonce);
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(first.json().getBoolean("newAccount")).isTrue();
    long userId = first.json().getJsonObject("user").getLong("id");
    JsonObject me = node.http().get("/api/v1/me", first.json().getString("accessToken")).json();
    assertThat(me.getString("nickname")).isEqualTo("Test " + subject);
    assertThat(me.getString("email")).as("the provider verified it").isEqualTo(subject + "@example.test");
    assertThat(me.getString("phone")).isNull();

    String again = random();
    TestHttp.Response second = signIn(node, OP.idToken(APP_CLIENT, subject, again), again);
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(second.json().getBoolean("newAccount")).isFalse();
    assertThat(second.json().getJsonObject("user").getLong("id")).isEqualTo(userId);
  }

  @Test
  @DisplayName("A first sign-in must accept the current policy; refused without it, the same token then works")
  void firstSignInNeedsThePolicy() {
    String nonce = random();
    String token = OP.idToken(APP_CLIENT, "bob-" + random(), nonce);
    TestHttp.Response refused = node.http().post(OidcFixture.PATH, new JsonObject().put("idToken", token)
      .put("nonce", nonce));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("oidc_policy_required");
    assertThat(refused.json().getString("currentVersion")).isNotBlank();
    assertThat(signIn(node, token, nonce).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("An email the provider does not vouch for (email_verified false) is not used")
  void unverifiedEmailIsNotUsed() {
    String nonce = random();
    TestHttp.Response r = signIn(node, OP.idToken(APP_CLIENT, "unverified-" + random(), nonce), nonce);
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    assertThat(node.http().get("/api/v1/me", r.json().getString("accessToken")).json().getString("email")).isNull();
  }

  @Test
  @DisplayName("A token the provider issued to another application is refused (wrong audience)")
  void wrongAudienceIsRefused() {
    String nonce = random();
    assertRefused(signIn(node, OP.idToken(OTHER_CLIENT, "carol", nonce), nonce), "audience");
  }

  @Test
  @DisplayName("A token with the provider's claims but signed by another key under the provider's kid is refused")
  void forgedSignatureIsRefused() throws Exception {
    String nonce = random();
    JWTClaimsSet real = SignedJWT.parse(OP.idToken(APP_CLIENT, "dave", nonce)).getJWTClaimsSet();
    RSAKey forger = new RSAKeyGenerator(2048).keyID(OP.key.getKeyID()).generate();
    assertRefused(signIn(node, TestOpenIdProvider.sign(real, forger), nonce), "signature");
  }

  @Test
  @DisplayName("An expired token, signed with the provider's own key, is refused")
  void expiredTokenIsRefused() {
    String nonce = random();
    Instant now = Instant.now();
    JWTClaimsSet expired = claims("erin", nonce, APP_CLIENT).issueTime(Date.from(now.minusSeconds(3600)))
      .expirationTime(Date.from(now.minusSeconds(600))).build();
    assertRefused(signIn(node, TestOpenIdProvider.sign(expired, OP.key), nonce), "expired");
  }

  @Test
  @DisplayName("A token from another issuer, even signed with the provider's key, is refused")
  void wrongIssuerIsRefused() {
    String nonce = random();
    JWTClaimsSet claims = claims("frank", nonce, APP_CLIENT).issuer("https://evil.example.test").build();
    assertRefused(signIn(node, TestOpenIdProvider.sign(claims, OP.key), nonce), "issuer");
  }

  @Test
  @DisplayName("A token whose nonce is not the one sent with it is refused")
  void wrongNonceIsRefused() {
    String nonce = random();
    assertRefused(signIn(node, OP.idToken(APP_CLIENT, "grace", nonce), random()), "nonce");
  }

  @Test
  @DisplayName("A replayed ID token (its nonce already used) is refused, on the same node and on another")
  void replayedNonceIsRefused() {
    String nonce = random();
    String token = OP.idToken(APP_CLIENT, "heidi-" + random(), nonce);
    assertThat(signIn(node, token, nonce).status()).isEqualTo(201);
    for (LiveNode n : new LiveNode[] {node, other}) {
      TestHttp.Response replay = signIn(n, token, nonce);
      assertThat(replay.status()).as("%s", replay).isEqualTo(401);
      assertThat(replay.json().getString("code")).isEqualTo("oidc_nonce_replayed");
    }
  }

  @Test
  @DisplayName("A token signed with a key id the provider does not publish is refused after one JWKS refetch")
  void unknownKidIsRefusedAfterOneRefetch() throws Exception {
    String warm = random();
    assertThat(signIn(node, OP.idToken(APP_CLIENT, "ivan-" + random(), warm), warm).status()).isEqualTo(201);
    int before = OP.jwksFetches();
    String nonce = random();
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("k9").generate();
    assertRefused(signIn(node, TestOpenIdProvider.sign(claims("ivan", nonce, APP_CLIENT).build(), stranger), nonce),
      "unknown_key");
    assertThat(OP.jwksFetches()).as("the keys were fetched again once, for the unknown kid").isEqualTo(before + 1);
  }

  @Test
  @DisplayName("An unknown provider id is a 404")
  void unknownProvider() {
    TestHttp.Response r = node.http().post("/api/v1/auth/oidc/nope", new JsonObject().put("idToken", "x")
      .put("nonce", "y"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().getString("code")).isEqualTo("oidc_provider_unknown");
  }

  private static JWTClaimsSet.Builder claims(String subject, String nonce, String audience) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(OP.issuer()).subject(subject).audience(audience).claim("nonce", nonce)
      .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
  }

  static void assertRefused(TestHttp.Response r, String reason) {
    assertThat(r.status()).as("%s", r).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("oidc_token_invalid");
    assertThat(r.json().getString("reason")).isEqualTo(reason);
  }
}
