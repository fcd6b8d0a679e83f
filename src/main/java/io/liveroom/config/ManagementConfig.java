package io.liveroom.config;

import java.util.List;

/**
 * The management listener: {@code GET /metrics} and the health checks on an address of their own
 * ({@code host:port}), which the load balancer does not proxy, so the public port never shows
 * metrics. Disabled (the dev default), /metrics is served on the public port instead; production
 * mode refuses that. {@code port} 0 picks a free port (tests).
 */
public record ManagementConfig(boolean enabled, String host, int port) {
  static ManagementConfig from(ConfigReader r) {
    return new ManagementConfig(r.bool("management.enabled"), r.requiredString("management.host"),
      r.intIn("management.port", 0, 65535));
  }

  /** The listener settings: one event loop, small bodies, no CORS, no proxies, no HSTS. */
  public HttpConfig listener() {
    return new HttpConfig(host, port, 1, 1024, List.of(), List.of(), false, "");
  }
}
