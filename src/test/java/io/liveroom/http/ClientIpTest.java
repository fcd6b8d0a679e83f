package io.liveroom.http;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The client IP: the TCP peer, or behind a trusted balancer the right-most untrusted forwarded hop")
class ClientIpTest {
  private static SocketAddress peer(String ip) {
    return SocketAddress.inetSocketAddress(40000, ip);
  }

  @Test
  @DisplayName("With no trusted proxies, X-Forwarded-For is ignored: a client cannot pick its own IP")
  void untrustedPeerIgnoresHeader() {
    ClientIp ips = new ClientIp(List.of());
    assertThat(ips.resolve(peer("203.0.113.9"), "1.2.3.4")).isEqualTo("203.0.113.9");
  }

  @Test
  @DisplayName("Behind a trusted balancer the client is the hop the balancer saw, not what the client claimed")
  void trustedBalancer() {
    ClientIp ips = new ClientIp(List.of("10.0.0.0/8"));
    assertThat(ips.resolve(peer("10.1.2.3"), "198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ips.resolve(peer("10.1.2.3"), "6.6.6.6, 198.51.100.7")).as("spoofed left entry").isEqualTo("198.51.100.7");
    assertThat(ips.resolve(peer("10.1.2.3"), "198.51.100.7, 10.9.9.9")).as("two balancers").isEqualTo("198.51.100.7");
    assertThat(ips.resolve(peer("10.1.2.3"), null)).isEqualTo("10.1.2.3");
  }

  @Test
  @DisplayName("A peer outside the trusted range cannot set the client IP; exact IPs and IPv6 match exactly")
  void outsideRange() {
    ClientIp ips = new ClientIp(List.of("10.0.0.0/8", "192.168.1.5", "fd00::1"));
    assertThat(ips.resolve(peer("11.0.0.1"), "198.51.100.7")).isEqualTo("11.0.0.1");
    assertThat(ips.resolve(peer("192.168.1.5"), "198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ips.resolve(peer("192.168.1.6"), "198.51.100.7")).isEqualTo("192.168.1.6");
    assertThat(ips.resolve(peer("fd00::1"), "198.51.100.7")).isEqualTo("198.51.100.7");
  }
}
