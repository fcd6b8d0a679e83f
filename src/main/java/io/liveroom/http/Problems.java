package io.liveroom.http;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.Failures;
import io.liveroom.error.FieldError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one place where failures become HTTP responses: {@code application/problem+json} (RFC 9457)
 * with a stable {@code code} from {@link ErrorCode}, the request id, and field errors for
 * validation failures. A dependency that cannot be reached (see {@link Failures}) is a 503 with
 * {@code Retry-After}. Unexpected failures are logged with the request id and answered with a
 * generic 500 that leaks nothing of the cause.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** Failure handler for the root router. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    AppException problem = failure != null ? toProblem(failure) : fromStatus(ctx.statusCode());
    if (problem.code() == ErrorCode.INTERNAL) {
      LOG.error("Request {} {} (req={}) failed unexpectedly", ctx.request().method(),
        ctx.request().path(), RequestIds.of(ctx), failure);
    }
    send(ctx, problem);
  }

  public static void send(RoutingContext ctx, AppException problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Streaming responses (SSE) report errors in-band; here we can only close the connection.
      response.reset();
      return;
    }
    ErrorCode code = problem.code();
    JsonObject body = new JsonObject()
      .put("type", "urn:liveroom:problem:" + code.code())
      .put("title", title(code))
      .put("status", code.httpStatus())
      .put("code", code.code())
      .put("detail", problem.getMessage())
      .put("instance", ctx.request().path())
      .put("requestId", RequestIds.of(ctx));
    if (!problem.fieldErrors().isEmpty()) {
      JsonArray errors = new JsonArray();
      for (FieldError fe : problem.fieldErrors()) {
        errors.add(new JsonObject().put("field", fe.field()).put("code", fe.code()).put("message", fe.message()));
      }
      body.put("errors", errors);
    }
    for (Map.Entry<String, Object> e : problem.extra().entrySet()) {
      body.put(e.getKey(), e.getValue());
    }
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
    }
    response.setStatusCode(code.httpStatus()).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }

  static AppException toProblem(Throwable failure) {
    AppException classified = Failures.classify(failure);
    if (classified.code() != ErrorCode.INTERNAL || failure instanceof AppException) {
      return classified;
    }
    if (failure instanceof DecodeException) {
      return AppException.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    return AppException.of(ErrorCode.INTERNAL, "An unexpected error occurred.");
  }

  static AppException fromStatus(int status) {
    return switch (status) {
      case 400 -> AppException.of(ErrorCode.BAD_REQUEST, "The request could not be understood.");
      case 401 -> AppException.of(ErrorCode.UNAUTHORIZED, "Authentication is required.");
      case 403 -> AppException.of(ErrorCode.FORBIDDEN, "This is not allowed.");
      case 404 -> AppException.of(ErrorCode.NOT_FOUND, "No such resource.");
      case 405 -> AppException.of(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here.");
      case 413 -> AppException.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
      case 415 -> AppException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json.");
      case 429 -> AppException.of(ErrorCode.RATE_LIMITED, "Too many requests.");
      case 503 -> AppException.of(ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable.");
      default -> AppException.of(ErrorCode.INTERNAL, "An unexpected error occurred.");
    };
  }

  private static String title(ErrorCode code) {
    String words = code.code().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
