package io.liveroom.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of one run: {@code --key value} pairs after the scenario name. Every scenario reads
 * only the keys it knows, with a default; unknown keys are refused so a typo never silently runs the
 * default. Targets must be loopback: this tool must never load a machine it does not own.
 */
public final class Options {
  static final Set<String> COMMON = Set.of("host", "port", "port-b", "format", "duration", "warmup",
    "sources", "out", "users", "config", "quiet", "drain");

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  public static Options of(Map<String, String> values) {
    return new Options(new LinkedHashMap<>(values));
  }

  static Options parse(String[] args, int from) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got '" + a + "'");
      }
      values.put(a.substring(2), args[++i]);
    }
    return new Options(values);
  }

  void requireKnown(Set<String> scenarioKeys) {
    for (String k : values.keySet()) {
      if (!COMMON.contains(k) && !scenarioKeys.contains(k)) {
        throw new IllegalArgumentException("unknown option --" + k + " (known: " + scenarioKeys + " and " + COMMON + ")");
      }
    }
  }

  public String string(String key, String def) {
    return values.getOrDefault(key, def);
  }

  public int integer(String key, int def) {
    String v = values.get(key);
    try {
      return v == null ? def : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + v + "'");
    }
  }

  public double decimal(String key, double def) {
    String v = values.get(key);
    try {
      return v == null ? def : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'");
    }
  }

  /** Durations as {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
  public Duration duration(String key, Duration def) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a duration like 30s, got '" + v + "'");
    }
  }

  public String host() {
    return string("host", "127.0.0.1");
  }

  public int port() {
    return integer("port", 8080);
  }

  /** Refuses any target that does not resolve to a loopback address. */
  static void requireLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          throw new IllegalArgumentException("target " + host + " is not loopback: the load test only runs on this machine");
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown target host " + host);
    }
  }

  Map<String, String> asMap() {
    return new HashMap<>(values);
  }
}
