package io.liveroom.oidc;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Date;

import static io.liveroom.oidc.OidcFixture.signIn;
import static io.liveroom.oidc.TestOpenIdProvider.APP_CLIENT;
import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/** The provider rotates its signing key: the node learns the new key at the first token that names it. */
class OidcKeyRotationTest {
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(), "http://127.0.0.1:1/cb");

  /** The default refetch interval (60 s): within it, a second unknown kid causes no fetch. */
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, 0, 60)).build();

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  @Test
  @DisplayName("After a key rotation the new kid is fetched once and accepted; another unknown kid soon after is refused without a fetch")
  void rotationIsLearnedOnceAndRefetchIsRateLimited() throws Exception {
    String before = random();
    TestHttp.Response first = signIn(node, OP.idToken(APP_CLIENT, "rot-" + random().substring(0, 8), before), before);
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    int fetches = OP.jwksFetches();

    OP.rotate();
    String after = random();
    String rotated = OP.idToken(APP_CLIENT, "rot2-" + random().substring(0, 8), after);
    assertThat(com.nimbusds.jwt.SignedJWT.parse(rotated).getHeader().getKeyID()).isEqualTo(OP.rotatedKey.getKeyID());
    TestHttp.Response second = signIn(node, rotated, after);
    assertThat(second.status()).as("a token signed with the rotated key: %s", second).isEqualTo(201);
    assertThat(OP.jwksFetches()).isEqualTo(fetches + 1);

    String nonce = random();
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(OP.issuer()).subject("mallory").audience(APP_CLIENT)
      .claim("nonce", nonce).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
    String unknown = TestOpenIdProvider.sign(claims, new RSAKeyGenerator(2048).keyID("k9").generate());
    OidcMobileSignInTest.assertRefused(signIn(node, unknown, nonce), "unknown_key");
    assertThat(OP.jwksFetches()).as("no second fetch within jwksMinRefetchSeconds").isEqualTo(fetches + 1);
  }
}
