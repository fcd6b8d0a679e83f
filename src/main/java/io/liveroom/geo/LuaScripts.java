package io.liveroom.geo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Redis Lua scripts of Nearby, kept as files under {@code lua/} and read once at boot on a worker. */
public record LuaScripts(String update, String position, String search, String remove, String prune,
                         String rateLimit) {
  public static Future<LuaScripts> load(Vertx vertx) {
    return vertx.executeBlocking(LuaScripts::read, false);
  }

  /** As {@link #load}, blocking (the capability is constructed on a worker). */
  static LuaScripts read() {
    return new LuaScripts(read("nearby_update"), read("nearby_position"), read("nearby_search"),
      read("nearby_remove"), read("nearby_prune"), read("rate_limit"));
  }

  private static String read(String name) {
    String path = "lua/" + name + ".lua";
    try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing script " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
