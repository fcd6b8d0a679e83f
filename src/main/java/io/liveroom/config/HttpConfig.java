package io.liveroom.config;

import java.util.List;

/**
 * The HTTP/WebSocket listener. {@code trustedProxies} lists the load balancers (IPs or IPv4 CIDRs)
 * whose {@code X-Forwarded-For} is believed; empty means the TCP peer is the client. {@code instances} is the number of event loops serving it; 0 means
 * one per core. {@code corsOrigins} is an exact allow-list (scheme://host[:port]); empty means no
 * cross-origin browser access.
 */
public record HttpConfig(String host, int port, int instances, long bodyLimitBytes,
                         List<String> corsOrigins, List<String> trustedProxies, boolean hsts, String publicBaseUrl) {
  static HttpConfig from(ConfigReader r) {
    List<String> origins = r.strings("http.corsOrigins");
    for (String origin : origins) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw r.fail("http.corsOrigins", "'" + origin + "' is not an exact origin like https://app.example.com");
      }
    }
    return new HttpConfig(
      r.requiredString("http.host"),
      r.intIn("http.port", 0, 65535),
      r.intIn("http.instances", 0, 256),
      r.longIn("http.bodyLimitBytes", 1024, 64L * 1024 * 1024),
      origins,
      trustedProxies(r),
      r.bool("http.hsts"),
      r.string("http.publicBaseUrl"));
  }

  private static List<String> trustedProxies(ConfigReader r) {
    List<String> proxies = r.strings("http.trustedProxies");
    for (String p : proxies) {
      if (!p.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[0-9A-Fa-f:]+")) {
        throw r.fail("http.trustedProxies", "'" + p + "' is not an IP address or an IPv4 CIDR like 10.0.0.0/8");
      }
    }
    return proxies;
  }

  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(host, newPort, instances, bodyLimitBytes, corsOrigins, trustedProxies, hsts, publicBaseUrl);
  }
}
