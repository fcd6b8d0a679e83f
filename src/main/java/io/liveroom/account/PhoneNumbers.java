package io.liveroom.account;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/**
 * Normalizes phone numbers to E.164 with libphonenumber (Google's metadata for every numbering
 * plan). A number without a leading {@code +} is read in the configured default region. Only
 * numbers that are valid for their region are accepted, so typos and made-up ranges never reach
 * the SMS gateway.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  public PhoneNumbers(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /**
   * Loads libphonenumber's metadata for the default region (classpath reads): call once on a
   * worker at boot so the first request on an event loop does not do that I/O.
   */
  public void warmUp() {
    Phonenumber.PhoneNumber example = UTIL.getExampleNumber(defaultRegion);
    if (example != null) {
      normalize(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
    }
  }

  /** The E.164 form ({@code +8613812345678}), or empty when the input is not a valid number. */
  public Optional<String> normalize(String input) {
    if (input == null || input.isBlank() || input.length() > 32) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber n = UTIL.parse(input, defaultRegion);
      if (!UTIL.isValidNumber(n)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The number minus its last 4 digits: the unit of the anti-SMS-pumping cap. */
  public static String prefix(String e164) {
    return e164.substring(0, Math.max(1, e164.length() - 4));
  }

  /** For display to the owner only: {@code +86138****5678}. */
  public static String mask(String e164) {
    int keep = Math.min(6, e164.length() - 4);
    return e164.substring(0, keep) + "*".repeat(e164.length() - 4 - keep) + e164.substring(e164.length() - 4);
  }
}
