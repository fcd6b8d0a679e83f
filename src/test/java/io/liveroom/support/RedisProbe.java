package io.liveroom.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny blocking RESP client for test assertions and resets, used from the test thread only
 * (never from an event loop): it lets a test inspect Redis without going through the code under
 * test.
 */
public final class RedisProbe {
  private RedisProbe() {
  }

  public static void flushAll(String url) {
    command(url, "FLUSHALL");
  }

  /** Sends one command and returns the reply as a string (arrays joined by newlines). */
  public static String command(String url, String... args) {
    URI uri = URI.create(url);
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(BufferedReader in) throws IOException {
    String line = in.readLine();
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+', ':' -> {
        return rest;
      }
      case '-' -> throw new IllegalStateException("Redis error: " + rest);
      case '$' -> {
        int len = Integer.parseInt(rest);
        if (len < 0) {
          return null;
        }
        char[] buf = new char[len];
        int read = 0;
        while (read < len) {
          read += in.read(buf, read, len - read);
        }
        in.readLine();
        return new String(buf);
      }
      case '*' -> {
        int n = Integer.parseInt(rest);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(read(in));
        }
        return String.join("\n", items);
      }
      default -> throw new IllegalStateException("Unexpected RESP reply: " + line);
    }
  }
}
