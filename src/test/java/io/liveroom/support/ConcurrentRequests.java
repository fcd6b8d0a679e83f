package io.liveroom.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires HTTP requests all at once, as many concurrent clients would: one HTTP/1.1 client with no
 * idle connection to reuse opens a connection per request in flight, so a node with several event
 * loops accepts them on different loops. Every request must be answered within {@code bound};
 * {@link #fire} fails the test with the number left unanswered otherwise.
 */
public final class ConcurrentRequests {
  private ConcurrentRequests() {
  }

  /** A POST with a JSON body (and a bearer token unless null). */
  public static HttpRequest post(int port, String path, String json, String bearer, Duration bound) {
    return post(port, path, json, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), bound);
  }

  public static HttpRequest post(int port, String path, String json, Map<String, String> headers, Duration bound) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(bound)
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(b::header);
    return b.build();
  }

  public static HttpRequest get(int port, String path, String bearer, Duration bound) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(bound)
      .header("Authorization", "Bearer " + bearer).GET().build();
  }

  /** Sends every request at once; returns the responses in order once all are answered. */
  public static List<HttpResponse<String>> fire(List<HttpRequest> requests) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    requests.forEach(r -> calls.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString())));
    List<HttpResponse<String>> answered = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      try {
        answered.add(call.join());
      } catch (RuntimeException e) {
        unanswered.add(e.getCause() == null ? e.toString() : e.getCause().toString());
      }
    }
    assertThat(unanswered.size()).as("requests of %d not answered within their bound (first: %s)", requests.size(),
      unanswered.isEmpty() ? "-" : unanswered.get(0)).isZero();
    assertThat(answered).as("no 5xx").noneMatch(r -> r.statusCode() >= 500);
    return answered;
  }

  /** How many responses had each status. */
  public static Map<Integer, Long> byStatus(List<HttpResponse<String>> responses) {
    return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }
}
