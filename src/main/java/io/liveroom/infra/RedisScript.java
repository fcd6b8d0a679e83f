package io.liveroom.infra;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
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
import java.util.function.Function;

/**
 * A Redis Lua script kept as a file under {@code src/main/resources/lua/<capability>/}, the one way
 * this codebase runs a script. It runs by its SHA-1 ({@code EVALSHA}); only when Redis answers
 * {@code NOSCRIPT} (first use, a restart, a flush or a failover) is it sent in full with
 * {@code EVAL}, which also caches it for the next call. A script runs atomically on Redis.
 *
 * <p>Loaded once, at construction of its user: {@link #load} reads the classpath synchronously
 * (capabilities are constructed on a worker thread). An instance is immutable and shared freely.
 */
public final class RedisScript {
  private final String resource;
  private final String source;
  private final String sha;

  private RedisScript(String resource, String source) {
    this.resource = resource;
    this.source = source;
    this.sha = sha1(source);
  }

  /** Reads a script from the classpath, e.g. {@code lua/room/like.lua}. */
  public static RedisScript load(String resource) {
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Redis script " + resource + " is missing from the classpath");
      }
      return new RedisScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs through the pooled command API, with string keys and arguments. */
  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis.evalsha(command(sha, keys, args))
      .recover(e -> noScript(e) ? redis.eval(command(source, keys, args)) : Future.failedFuture(e));
  }

  /** Runs through a client; arguments may be Strings, numbers or byte arrays (sent as raw bytes). */
  public Future<Response> run(Redis redis, String[] keys, Object... args) {
    return run(redis::send, keys, args);
  }

  /**
   * Runs through any sender of requests, e.g. one dedicated connection or a pipeline that keeps
   * the order of a node's publications. The {@code EVAL} fallback goes through the same sender.
   */
  public Future<Response> run(Function<Request, Future<Response>> sender, String[] keys, Object... args) {
    return sender.apply(request(Command.EVALSHA, sha, keys, args))
      .recover(e -> noScript(e) ? sender.apply(request(Command.EVAL, source, keys, args)) : Future.failedFuture(e));
  }

  /**
   * {@code SCRIPT LOAD} of this script, for a connection that must never need the fallback: sent
   * first on it, {@code EVALSHA} then finds the script (a fallback could be overtaken by a later
   * command on a pipelined connection).
   */
  public Request loadRequest() {
    return Request.cmd(Command.SCRIPT).arg("LOAD").arg(source);
  }

  /** The SHA-1 that Redis knows this script by. */
  public String sha() {
    return sha;
  }

  @Override
  public String toString() {
    return resource;
  }

  private static boolean noScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
  }

  private static List<String> command(String script, List<String> keys, List<String> args) {
    List<String> cmd = new ArrayList<>(2 + keys.size() + args.size());
    cmd.add(script);
    cmd.add(Integer.toString(keys.size()));
    cmd.addAll(keys);
    cmd.addAll(args);
    return cmd;
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

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
