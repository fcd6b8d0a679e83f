package io.liveroom.config;

/**
 * Access tokens. {@code jwtSecret} is the HS256 key (at least 32 bytes); when empty, a node
 * generates one on first start and keeps it in {@code <data.dir>/jwt-secret}, which is right for a
 * single embedded node only: nodes behind one load balancer must share one configured secret.
 */
public record AuthConfig(String jwtSecret, String issuer, String audience, int accessTtlSeconds,
                         int refreshTtlDays) {
  static AuthConfig from(ConfigReader r) {
    String secret = r.string("auth.jwtSecret");
    if (!secret.isEmpty() && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw r.fail("auth.jwtSecret", "must be at least 32 bytes long");
    }
    return new AuthConfig(secret, r.requiredString("auth.issuer"), r.requiredString("auth.audience"),
      r.intIn("auth.accessTtlSeconds", 60, 86_400), r.intIn("auth.refreshTtlDays", 1, 365));
  }

  public AuthConfig withSecret(String secret) {
    return new AuthConfig(secret, issuer, audience, accessTtlSeconds, refreshTtlDays);
  }
}
