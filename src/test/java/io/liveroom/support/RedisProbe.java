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

  /**
   * A raw subscriber to one Redis channel, to watch what the nodes publish there. The subscription
   * is confirmed before this returns.
   */
  public static Subscriber subscribe(String url, String channel) {
    URI uri = URI.create(url);
    try {
      Socket s = new Socket(uri.getHost(), uri.getPort());
      s.getOutputStream().write(("*2\r\n$9\r\nSUBSCRIBE\r\n$" + channel.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + channel + "\r\n").getBytes(StandardCharsets.UTF_8));
      s.setSoTimeout(5_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      read(in); // the confirmation
      return new Subscriber(s, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** See {@link #subscribe}. */
  public static final class Subscriber implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    private Subscriber(Socket socket, BufferedReader in) {
      this.socket = socket;
      this.in = in;
    }

    /** The payload of the next message, or null if none comes within {@code timeoutMillis}. */
    public String next(int timeoutMillis) {
      try {
        socket.setSoTimeout(timeoutMillis);
        String[] parts = read(in).split("\n", 3);
        return parts.length == 3 && parts[0].equals("message") ? parts[2] : null;
      } catch (java.net.SocketTimeoutException e) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
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

  /**
   * How many times Redis has run {@code command} (lower case, e.g. {@code "eval"}) since it started,
   * from {@code INFO commandstats}; 0 when it never ran.
   */
  public static long calls(String url, String command) {
    String prefix = "cmdstat_" + command + ":calls=";
    for (String line : command(url, "INFO", "commandstats").split("\r?\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }
}
