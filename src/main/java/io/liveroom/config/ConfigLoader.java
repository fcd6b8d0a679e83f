package io.liveroom.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads configuration in layers, later layers winning: the defaults bundled in the jar
 * ({@code conf/application.json}), the same path in the working directory if present, the file
 * given with {@code -c/--config}, then environment variables.
 *
 * <p>Only keys present in the bundled defaults exist: a file key or env variable for anything else
 * is an error, so a typo fails the boot instead of being silently ignored. Runs once, at boot,
 * before any event loop exists, so the blocking file reads here are fine.
 */
public final class ConfigLoader {
  static final String DEFAULTS_RESOURCE = "conf/application.json";

  private ConfigLoader() {
  }

  public static JsonObject load(Path configFile, Map<String, String> env) {
    JsonObject merged = readDefaults();
    Path local = Path.of(DEFAULTS_RESOURCE);
    if (Files.isRegularFile(local)) {
      mergeKnown(merged, readFile(local), "", local.toString());
    }
    if (configFile != null) {
      mergeKnown(merged, readFile(configFile), "", configFile.toString());
    }
    applyEnv(merged, "", env);
    return merged;
  }

  public static JsonObject readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("The bundled " + DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("Cannot read bundled defaults: " + e.getMessage());
    }
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException("Config file " + file + " is not valid JSON: " + e.getMessage());
    }
  }

  private static void mergeKnown(JsonObject target, JsonObject source, String prefix, String origin) {
    for (Map.Entry<String, Object> e : source) {
      String key = prefix + e.getKey();
      if (!target.containsKey(e.getKey())) {
        throw new ConfigException("Unknown config key " + key + " in " + origin);
      }
      Object current = target.getValue(e.getKey());
      if (current instanceof JsonObject nested && e.getValue() instanceof JsonObject sub) {
        mergeKnown(nested, sub, key + ".", origin);
      } else {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  private static void applyEnv(JsonObject node, String prefix, Map<String, String> env) {
    for (String name : node.fieldNames()) {
      String key = prefix + name;
      Object value = node.getValue(name);
      if (value instanceof JsonObject nested) {
        applyEnv(nested, key + ".", env);
        continue;
      }
      String raw = env.get(EnvNames.of(key));
      if (raw != null) {
        node.put(name, parseEnv(key, value, raw));
      }
    }
  }

  /** Parses an env value into the type of the key's default, so "8080" stays a number. */
  private static Object parseEnv(String key, Object defaultValue, String raw) {
    String env = EnvNames.of(key);
    try {
      if (defaultValue instanceof Boolean) {
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
          throw new ConfigException(env + " (" + key + ") must be true or false, got '" + raw + "'");
        }
        return Boolean.parseBoolean(raw);
      }
      if (defaultValue instanceof Integer || defaultValue instanceof Long) {
        return Long.parseLong(raw.trim());
      }
      if (defaultValue instanceof Number) {
        return Double.parseDouble(raw.trim());
      }
      if (defaultValue instanceof JsonArray) {
        return raw.trim().startsWith("[") ? new JsonArray(raw) : splitList(raw);
      }
      return raw;
    } catch (NumberFormatException | DecodeException e) {
      throw new ConfigException(env + " (" + key + ") is not a valid value: '" + raw + "'");
    }
  }

  private static JsonArray splitList(String raw) {
    JsonArray out = new JsonArray();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  /** Every env variable name the config understands, for docs and for the Docker file checks. */
  public static Map<String, String> envNames() {
    Map<String, String> out = new HashMap<>();
    collect(readDefaults(), "", out);
    return out;
  }

  private static void collect(JsonObject node, String prefix, Map<String, String> out) {
    for (String name : node.fieldNames()) {
      Object v = node.getValue(name);
      if (v instanceof JsonObject nested) {
        collect(nested, prefix + name + ".", out);
      } else {
        out.put(EnvNames.of(prefix + name), prefix + name);
      }
    }
  }
}
