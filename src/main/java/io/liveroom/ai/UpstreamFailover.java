package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One POST tried against a list of upstreams in order, shared by the chat stream and the picture job.
 *
 * <p>Before the first useful byte, any failure (connect error, non-200 status, no first byte within
 * {@code firstByteTimeoutMs}, or a failure the owner reports through {@link #beforeFirstByte}) moves
 * on to the next upstream; when none is left the owner is told with the last failure. A 200 answer
 * is handed to the owner, which reads it. Every callback runs on the owner's context. Not thread
 * safe: call it only from the owner's context.
 */
final class UpstreamFailover {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamFailover.class);

  /** What the owning job supplies; every method is called on its context. */
  interface Owner {
    /** True once the job has ended; nothing more is tried. */
    boolean ended();

    /** True once the current upstream has sent its first useful byte; its timeout no longer applies. */
    boolean answered();

    /** Runs {@code action} on the owner's context. */
    void runOnOwner(Runnable action);

    /** Upstream {@code attempt} answered 200; the owner reads {@code response}. */
    void answer(int attempt, HttpClientResponse response);

    /** Every upstream failed before its first byte; {@code last} is the last failure. */
    void exhausted(AppException last);

    /** The current request is about to be reset by us: detach its readers so the reset is not a failure. */
    default void detach() {
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final List<String> baseUrls;
  private final String path;
  private final RequestOptions template;
  private final Buffer body;
  private final long firstByteTimeoutMs;
  private final String label;
  private final Owner owner;
  private int upstream = -1;
  private HttpClientRequest request;
  private long firstByteTimer = -1;
  private AppException lastFailure = AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "No upstream is available.");

  /**
   * @param template method, headers and connect timeout of every attempt; the URI is set per upstream
   * @param label    names the upstream kind in log lines, e.g. "AI image upstream"
   */
  UpstreamFailover(Vertx vertx, HttpClient client, List<String> baseUrls, String path, RequestOptions template,
                   Buffer body, long firstByteTimeoutMs, String label, Owner owner) {
    this.vertx = vertx;
    this.client = client;
    this.baseUrls = baseUrls;
    this.path = path;
    this.template = template;
    this.body = body;
    this.firstByteTimeoutMs = firstByteTimeoutMs;
    this.label = label;
    this.owner = owner;
  }

  /** The index of the upstream being tried now. */
  int current() {
    return upstream;
  }

  /** Tries the next upstream, or reports exhaustion when none is left. */
  void next() {
    upstream++;
    drop();
    if (owner.ended()) {
      return;
    }
    if (upstream >= baseUrls.size()) {
      owner.exhausted(lastFailure);
      return;
    }
    int attempt = upstream;
    firstByteTimer = vertx.setTimer(firstByteTimeoutMs, id -> owner.runOnOwner(() -> {
      if (attempt == upstream && !owner.answered()) {
        beforeFirstByte(attempt, AppException.of(ErrorCode.AI_UPSTREAM_TIMEOUT, "The model did not answer in time."));
      }
    }));
    client.request(new RequestOptions(template).setAbsoluteURI(baseUrls.get(attempt) + path))
      .compose(req -> {
        request = req;
        return req.send(body);
      })
      .onComplete(ar -> owner.runOnOwner(() -> {
        if (attempt != upstream || owner.ended()) {
          return;
        }
        if (ar.failed()) {
          beforeFirstByte(attempt, AppException.of(ErrorCode.AI_UPSTREAM_UNAVAILABLE, "The model is unavailable."));
        } else {
          onResponse(attempt, ar.result());
        }
      }));
  }

  private void onResponse(int attempt, HttpClientResponse response) {
    if (response.statusCode() == 200) {
      owner.answer(attempt, response);
      return;
    }
    response.exceptionHandler(e -> { });  // the reset that drops it is ours
    LOG.warn("{} #{} answered HTTP {} before the first byte", label, attempt, response.statusCode());
    ErrorCode code = response.statusCode() == 429 || response.statusCode() >= 500
      ? ErrorCode.AI_UPSTREAM_UNAVAILABLE : ErrorCode.AI_UPSTREAM_REJECTED;
    beforeFirstByte(attempt, AppException.of(code, code == ErrorCode.AI_UPSTREAM_REJECTED
      ? "The model refused the request." : "The model is unavailable."));
  }

  /** Upstream {@code attempt} failed before its first useful byte: remember why and move on. */
  void beforeFirstByte(int attempt, AppException failure) {
    if (owner.ended() || attempt != upstream) {
      return;
    }
    lastFailure = failure;
    if (upstream + 1 < baseUrls.size()) {
      LOG.warn("{} #{} failed before the first byte ({}); failing over to #{}", label, attempt,
        failure.code().code(), attempt + 1);
    }
    next();
  }

  /** The first useful byte arrived: the first-byte timeout no longer applies. */
  void cancelFirstByteTimer() {
    if (firstByteTimer >= 0) {
      vertx.cancelTimer(firstByteTimer);
      firstByteTimer = -1;
    }
  }

  /** Drops the current request, closing its connection at once. */
  void drop() {
    cancelFirstByteTimer();
    owner.detach();
    if (request != null) {
      request.reset();
      request = null;
    }
  }
}
