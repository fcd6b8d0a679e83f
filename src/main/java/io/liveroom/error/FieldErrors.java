package io.liveroom.error;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a request is validated, then fails once with all of them. */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public FieldErrors add(String field, String code, String message) {
    errors.add(new FieldError(field, code, message));
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws {@link AppException} with {@code validation_failed} if any error was added. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw AppException.validation(errors);
    }
  }
}
