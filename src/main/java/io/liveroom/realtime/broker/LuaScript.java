package io.liveroom.realtime.broker;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A Lua script kept as a file under {@code src/main/resources/lua}, run with EVALSHA. When Redis
 * does not know it (first use, or Redis restarted) it falls back to EVAL, which also caches it.
 */
public final class LuaScript {
  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads a script from the classpath once, at wiring time. */
  public static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + name + " is not on the classpath");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs with the given keys and arguments; arguments may be Strings, numbers or byte arrays. */
  public Future<Response> run(Redis redis, String[] keys, Object... args) {
    return run(redis::send, keys, args);
  }

  /** The same through any sender, e.g. one dedicated connection that keeps publish order. */
  public Future<Response> run(Function<Request, Future<Response>> sender, String[] keys, Object... args) {
    return sender.apply(request(Command.EVALSHA, sha, keys, args))
      .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
        ? sender.apply(request(Command.EVAL, source, keys, args))
        : Future.failedFuture(e));
  }

  /** SCRIPT LOAD, so that EVALSHA finds the script (sent first on every new connection). */
  public Request loadRequest() {
    return Request.cmd(Command.SCRIPT).arg("LOAD").arg(source);
  }

  private static Request request(Command cmd, String script, String[] keys, Object[] args) {
    Request r = Request.cmd(cmd).arg(script).arg(keys.length);
    for (String k : keys) {
      r.arg(k);
    }
    for (Object a : args) {
      if (a instanceof byte[] b) {
        r.arg(Buffer.buffer(b));
      } else {
        r.arg(String.valueOf(a));
      }
    }
    return r;
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
