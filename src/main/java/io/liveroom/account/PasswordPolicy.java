package io.liveroom.account;

import io.liveroom.error.FieldErrors;

import java.util.Locale;
import java.util.Set;

/**
 * Password rules (NIST SP 800-63B style): 8 to 128 characters, anything allowed, and none of the
 * most common passwords (the shipped list, compared case-insensitively). No composition rules.
 */
public final class PasswordPolicy {
  public static final int MIN = 8;
  public static final int MAX = 128;

  private final Set<String> common;

  public PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  /** Adds a field error for {@code field} when the password breaks a rule. */
  public void check(String field, String password, FieldErrors errors) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN) {
      errors.add(field, "too_short", "Use at least " + MIN + " characters.");
    } else if (length > MAX) {
      errors.add(field, "too_long", "Use at most " + MAX + " characters.");
    } else if (common.contains(password.toLowerCase(Locale.ROOT))) {
      errors.add(field, "too_common", "This password is too common; choose another.");
    }
  }
}
