package io.liveroom.error;

import java.util.List;
import java.util.Map;

/**
 * A failure with a place in the error vocabulary. Services fail their futures with it; the HTTP
 * layer and the socket layer each map it in exactly one place.
 *
 * <p>It carries no stack trace: it is an expected outcome (bad input, a limit), not a bug, and
 * building traces for every refused request would cost real CPU under load.
 */
public final class AppException extends RuntimeException {
  private final ErrorCode code;
  private final List<FieldError> fieldErrors;
  private final Long retryAfterSeconds;
  private final Map<String, Object> extra;

  private AppException(ErrorCode code, String detail, List<FieldError> fieldErrors,
                       Long retryAfterSeconds, Map<String, Object> extra) {
    super(detail, null, false, false);
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.retryAfterSeconds = retryAfterSeconds;
    this.extra = Map.copyOf(extra);
  }

  public static AppException of(ErrorCode code, String detail) {
    return new AppException(code, detail, List.of(), null, Map.of());
  }

  public static AppException validation(List<FieldError> errors) {
    return new AppException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors,
      null, Map.of());
  }

  public static AppException retryAfter(ErrorCode code, String detail, long seconds) {
    return new AppException(code, detail, List.of(), Math.max(1, seconds), Map.of());
  }

  /** Adds members to the problem body, e.g. the consent purpose a {@code consent_required} names. */
  public AppException with(Map<String, Object> members) {
    return new AppException(code, getMessage(), fieldErrors, retryAfterSeconds, members);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
