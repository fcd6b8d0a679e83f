package io.liveroom.realtime;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The channel namespaces registered in code, by name. Channel names are {@code namespace:id}; a
 * channel whose namespace is not registered is refused with {@code unknown channel} (102).
 */
public final class Namespaces {
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_.@=-]{1,190}");
  private final Map<String, ChannelNamespace> byName = new ConcurrentHashMap<>();

  /** Registers a namespace at wiring time; a second registration of the same name is a bug. */
  public void register(ChannelNamespace namespace) {
    if (byName.putIfAbsent(namespace.name(), namespace) != null) {
      throw new IllegalStateException("Namespace '" + namespace.name() + "' is registered twice");
    }
  }

  /** The namespace of a channel, or a failure with bad request (107) / unknown channel (102). */
  public ChannelNamespace resolve(String channel) {
    if (channel == null || !CHANNEL.matcher(channel).matches()) {
      throw AppException.of(ErrorCode.BAD_REQUEST, "Channel names look like namespace:id.");
    }
    ChannelNamespace ns = byName.get(channel.substring(0, channel.indexOf(':')));
    if (ns == null) {
      throw AppException.of(ErrorCode.UNKNOWN_CHANNEL, "No such channel namespace.");
    }
    return ns;
  }
}
