package io.liveroom.http;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves the client's IP once per request, for per-IP limits (SMS, logins), audit rows and the
 * access log. Behind a load balancer every TCP peer is the balancer, so when the peer is one of
 * {@code http.trustedProxies} the client is the right-most {@code X-Forwarded-For} entry that is
 * not itself a trusted proxy. Entries further left are whatever the client claimed and are never
 * believed; a peer that is not trusted cannot set the client IP at all.
 */
public final class ClientIp implements Handler<RoutingContext> {
  static final String KEY = "clientIp";
  private static final String UNKNOWN = "unknown";

  private final List<String> trusted;

  public ClientIp(List<String> trustedProxies) {
    this.trusted = List.copyOf(trustedProxies);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, resolve(ctx.request().remoteAddress(), ctx.request().getHeader("X-Forwarded-For")));
    ctx.next();
  }

  String resolve(SocketAddress peer, String forwardedFor) {
    String ip = peer == null ? UNKNOWN : peer.hostAddress();
    if (forwardedFor == null || !isTrusted(ip)) {
      return ip;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) {
        continue;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
      ip = hop;
    }
    return ip;
  }

  /** The client IP of a request that went through this handler (the peer address otherwise). */
  public static String of(RoutingContext ctx) {
    String ip = ctx.get(KEY);
    if (ip != null) {
      return ip;
    }
    return ctx.request().remoteAddress() == null ? UNKNOWN : ctx.request().remoteAddress().hostAddress();
  }

  private boolean isTrusted(String ip) {
    for (String entry : trusted) {
      if (entry.equals(ip) || (entry.contains("/") && inCidr(ip, entry)) || sameIpv6(entry, ip)) {
        return true;
      }
    }
    return false;
  }

  /** IPv6 has several spellings of one address (fd00::1, fd00:0:...:1); compare the addresses. */
  private static boolean sameIpv6(String a, String b) {
    if (!a.contains(":") || !b.contains(":") || !a.matches("[0-9A-Fa-f:]+") || !b.matches("[0-9A-Fa-f:]+")) {
      return false;
    }
    try {
      // Both are numeric literals (checked above), so no name lookup happens here.
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean inCidr(String ip, String cidr) {
    long addr = ipv4(ip);
    String[] parts = cidr.split("/");
    long net = ipv4(parts[0]);
    int bits = Integer.parseInt(parts[1]);
    if (addr < 0 || net < 0 || bits > 32) {
      return false;
    }
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (addr & mask) == (net & mask);
  }

  /** An IPv4 address as a number, or -1 for anything else (IPv6 entries match exactly only). */
  private static long ipv4(String ip) {
    String[] octets = ip.split("\\.");
    if (octets.length != 4) {
      return -1;
    }
    long out = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int v = Integer.parseInt(o);
      if (v > 255) {
        return -1;
      }
      out = (out << 8) | v;
    }
    return out;
  }
}
