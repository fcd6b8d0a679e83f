package io.liveroom.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A blocking HTTP client for tests, run from the test thread: each call reads like one line of
 * the API contract ({@code http.post("/api/v1/...", body)}), and returns status, headers and body.
 */
public final class TestHttp {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final IntSupplier port;

  public TestHttp(int port) {
    this(() -> port);
  }

  /** Reads the port at each call: a test class can hold one before its node has started (see {@link LiveNode}). */
  public TestHttp(IntSupplier port) {
    this.port = port;
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response get(String path, String bearer) {
    return send("GET", path, null, auth(bearer));
  }

  public Response post(String path, JsonObject body) {
    return send("POST", path, body == null ? null : body.encode(), Map.of());
  }

  public Response post(String path, JsonObject body, String bearer) {
    return send("POST", path, body == null ? null : body.encode(), auth(bearer));
  }

  public Response put(String path, JsonObject body, String bearer) {
    return send("PUT", path, body == null ? null : body.encode(), auth(bearer));
  }

  public Response send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    if (body != null && !headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> auth(String bearer) {
    return bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer);
  }

  /** A response: status, raw body, and helpers to read it as JSON. */
  public record Response(int status, HttpResponse<String> raw, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
