package io.liveroom.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, validated reads from the merged config tree by dotted key. Every failure names the key
 * and its environment variable, so an operator knows exactly what to fix.
 */
public final class ConfigReader {
  private final JsonObject root;

  public ConfigReader(JsonObject root) {
    this.root = root;
  }

  public JsonObject root() {
    return root;
  }

  private Object raw(String key) {
    JsonObject node = root;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
      if (node == null) {
        throw fail(key, "is missing");
      }
    }
    if (!node.containsKey(parts[parts.length - 1])) {
      throw fail(key, "is missing");
    }
    return node.getValue(parts[parts.length - 1]);
  }

  public String string(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof String)) {
      throw fail(key, "must be a string");
    }
    return v == null ? "" : ((String) v).trim();
  }

  public String requiredString(String key) {
    String v = string(key);
    if (v.isEmpty()) {
      throw fail(key, "must not be empty");
    }
    return v;
  }

  public String oneOf(String key, Set<String> allowed) {
    String v = string(key);
    if (!allowed.contains(v)) {
      throw fail(key, "must be one of " + allowed + ", got '" + v + "'");
    }
    return v;
  }

  public long longIn(String key, long min, long max) {
    Object v = raw(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw fail(key, "must be a whole number");
    }
    long value = n.longValue();
    if (value < min || value > max) {
      throw fail(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public int intIn(String key, int min, int max) {
    return (int) longIn(key, min, max);
  }

  public double doubleIn(String key, double min, double max) {
    Object v = raw(key);
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      throw fail(key, "must be a number");
    }
    double value = n.doubleValue();
    if (value < min || value > max) {
      throw fail(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public boolean bool(String key) {
    Object v = raw(key);
    if (!(v instanceof Boolean b)) {
      throw fail(key, "must be true or false");
    }
    return b;
  }

  public List<String> strings(String key) {
    Object v = raw(key);
    if (!(v instanceof JsonArray arr)) {
      throw fail(key, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : arr) {
      if (!(o instanceof String s)) {
        throw fail(key, "must be a list of strings");
      }
      out.add(s.trim());
    }
    return List.copyOf(out);
  }

  public ConfigException fail(String key, String problem) {
    return new ConfigException("Invalid config " + key + " (env " + EnvNames.of(key) + "): " + problem);
  }
}
