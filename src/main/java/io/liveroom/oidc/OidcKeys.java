package io.liveroom.oidc;

/** The Redis keys of OpenID Connect sign-in, all with a TTL. */
final class OidcKeys {
  private OidcKeys() {
  }

  /** A nonce already used for a sign-in ({@code nonceHash} is its SHA-256, hex), kept until the token expires. */
  static String usedNonce(String provider, String nonceHash) {
    return "oidc:nonce:" + provider + ":" + nonceHash;
  }

  /** A web sign-in in progress: its PKCE verifier, nonce and provider, under the state parameter. */
  static String webLogin(String state) {
    return "oidc:login:" + state;
  }

  /** A finished web sign-in waiting for its page, under the SHA-256 (hex) of its single-use exchange code. */
  static String webHandoff(String codeHash) {
    return "oidc:handoff:" + codeHash;
  }
}
