package io.liveroom.config;

/**
 * The one naming rule from a config key to its environment variable: {@code LIVEROOM_}, then
 * each path segment in upper snake case, joined by {@code _}. So {@code pg.url} is
 * {@code LIVEROOM_PG_URL} and {@code pg.embedded.dataDir} is {@code LIVEROOM_PG_EMBEDDED_DATA_DIR}.
 */
public final class EnvNames {
  public static final String PREFIX = "LIVEROOM_";

  private EnvNames() {
  }

  public static String of(String key) {
    StringBuilder out = new StringBuilder(PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '-') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }
}
