package io.liveroom.infra;

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
 * A Lua script kept as a resource file, run by its SHA-1 ({@code EVALSHA}) and sent in full only
 * when Redis does not know it yet (after a restart or a flush).
 */
public final class RedisScript {
  private final String source;
  private final String sha;

  private RedisScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  /** Reads the script from the classpath (once, at wiring: callers keep the instance). */
  public static RedisScript load(String resource) {
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing Redis script " + resource);
      }
      return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    List<String> tail = new ArrayList<>();
    tail.add(Integer.toString(keys.size()));
    tail.addAll(keys);
    tail.addAll(args);
    List<String> bySha = new ArrayList<>(tail);
    bySha.add(0, sha);
    return redis.evalsha(bySha).recover(e -> {
      if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
        return Future.failedFuture(e);
      }
      List<String> full = new ArrayList<>(tail);
      full.add(0, source);
      return redis.eval(full);
    });
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
