package io.liveroom.realtime;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel namespaces registered in code, by name. Channel names are {@code namespace:id}; a
 * channel whose namespace is not registered is refused with {@code unknown channel} (102).
 */
public final class Namespaces {
  private final Map<String, ChannelNamespace> byName = new ConcurrentHashMap<>();

  /** Registers a namespace at wiring time; a second registration of the same name is a bug. */
  public void register(ChannelNamespace namespace) {
    if (byName.putIfAbsent(namespace.name(), namespace) != null) {
      throw new IllegalStateException("Namespace '" + namespace.name() + "' is registered twice");
    }
  }

  /** The namespace of a channel, or a failure with bad request (107) / unknown channel (102). */
  public ChannelNamespace resolve(String channel) {
    int colon = channel == null ? -1 : channel.indexOf(':');
    if (colon < 1 || colon > 64 || channel.length() - colon - 1 < 1 || channel.length() - colon - 1 > 190
      || !allowed(channel, 0, colon, "_-") || !allowed(channel, colon + 1, channel.length(), "_.@=-")) {
      throw AppException.of(ErrorCode.BAD_REQUEST, "Channel names look like namespace:id.");
    }
    ChannelNamespace ns = byName.get(channel.substring(0, colon));
    if (ns == null) {
      throw AppException.of(ErrorCode.UNKNOWN_CHANNEL, "No such channel namespace.");
    }
    return ns;
  }

  /**
   * Whether {@code s[from, to)} is ASCII letters, digits and {@code extra} only: namespace
   * {@code [A-Za-z0-9_-]{1,64}}, id {@code [A-Za-z0-9_.@=-]{1,190}}. A loop, not a regex, because
   * every publication resolves its channel.
   */
  private static boolean allowed(String s, int from, int to, String extra) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || extra.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }
}
