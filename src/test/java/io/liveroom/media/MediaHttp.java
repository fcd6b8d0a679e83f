package io.liveroom.media;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

/** Multipart uploads and binary downloads against a node, as a phone or a browser sends them. */
final class MediaHttp {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  private final IntSupplier port;

  MediaHttp(IntSupplier port) {
    this.port = port;
  }

  /** The answer: status, headers, raw bytes, and the JSON body when there is one. */
  record Answer(int status, HttpResponse<byte[]> raw) {
    byte[] bytes() {
      return raw.body();
    }

    JsonObject json() {
      return new JsonObject(new String(raw.body(), StandardCharsets.UTF_8));
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + new String(raw.body(), 0, Math.min(raw.body().length, 500), StandardCharsets.UTF_8);
    }
  }

  Answer upload(String bearer, String fileName, String declaredType, byte[] content, Map<String, String> fields) {
    String boundary = "----liveroom" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
      + "\"\r\n\r\n" + value + "\r\n"));
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
      + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest.Builder b = request("/api/v1/media").header("Content-Type", "multipart/form-data; boundary=" + boundary)
      .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b);
  }

  Answer upload(String bearer, String fileName, byte[] content, Map<String, String> fields) {
    return upload(bearer, fileName, "application/octet-stream", content, fields);
  }

  /** GET of a path or an absolute URL the API handed out. */
  Answer get(String pathOrUrl) {
    return send(request(pathOrUrl).GET());
  }

  Answer get(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer).GET());
  }

  Answer delete(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer).DELETE());
  }

  /** A request of any method (GET, HEAD) with extra headers, such as Range or If-None-Match. */
  Answer send(String method, String pathOrUrl, Map<String, String> headers) {
    HttpRequest.Builder b = request(pathOrUrl).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return send(b);
  }

  private HttpRequest.Builder request(String pathOrUrl) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://127.0.0.1:" + port.getAsInt() + pathOrUrl;
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
  }

  private Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
