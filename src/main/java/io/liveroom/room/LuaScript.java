package io.liveroom.room;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Redis Lua script kept as a resource file (under {@code /room}), run by its SHA-1 with
 * {@code EVALSHA} and sent in full with {@code EVAL} only when Redis does not know it yet (after a
 * restart or a flush). A script runs atomically on Redis.
 */
final class LuaScript {
  private final String name;
  private final String source;
  private final String sha;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads {@code /room/<name>.lua} from the class path; called once at wiring time. */
  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream("/room/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("Lua script /room/" + name + ".lua is missing from the class path");
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis.evalsha(command(sha, keys, args)).recover(e -> {
      String m = e.getMessage();
      if (m != null && m.startsWith("NOSCRIPT")) {
        return redis.eval(command(source, keys, args));
      }
      return Future.failedFuture(e);
    });
  }

  String name() {
    return name;
  }

  private static List<String> command(String script, List<String> keys, List<String> args) {
    List<String> cmd = new ArrayList<>(2 + keys.size() + args.size());
    cmd.add(script);
    cmd.add(Integer.toString(keys.size()));
    cmd.addAll(keys);
    cmd.addAll(args);
    return cmd;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
