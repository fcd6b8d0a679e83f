package io.liveroom.fault;

import io.liveroom.support.Await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One Liveroom node: {@code java -jar target/liveroom.jar} configured by environment variables. */
final class NodeProcess {
  private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ManagedProcess process;
  private final int port;

  NodeProcess(ManagedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  String name() {
    return process.name();
  }

  int port() {
    return port;
  }

  ManagedProcess process() {
    return process;
  }

  /** {@code GET /health/ready} answers 200: PostgreSQL and Redis answer and the node is not draining. */
  boolean ready() {
    return status("/health/ready") == 200;
  }

  /** The HTTP status of a GET on the node itself, or -1 when it does not answer within 2 s. */
  int status(String path) {
    try {
      return PROBE.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  void awaitReady(int seconds) {
    Await.until(name() + " ready (log: " + process.log() + ")", seconds, () -> {
      if (!process.alive()) {
        throw new AssertionError(name() + " exited; see " + process.log());
      }
      return ready();
    });
  }

  @Override
  public String toString() {
    return name() + "@" + port;
  }
}
