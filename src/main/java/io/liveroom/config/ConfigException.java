package io.liveroom.config;

/** A configuration value that cannot be used; the message names the key and its env variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
