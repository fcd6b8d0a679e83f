package io.liveroom.account;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A PRC resident identity number (GB 11643-1999): a 6-digit administrative region code, the birth
 * date (YYYYMMDD), a 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * {@link #parse} checks all three parts; it does not prove the number was issued (a provider does).
 */
public record ResidentId(String number, String regionCode, LocalDate birthDate) {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  /** Province-level codes of GB/T 2260 (mainland, plus Taiwan, Hong Kong and Macao). */
  private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
    "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
    "64", "65", "71", "81", "82");

  /** The parsed number, or empty with no hint of which part failed (callers answer one field error). */
  public static Optional<ResidentId> parse(String input, LocalDate today) {
    if (input == null) {
      return Optional.empty();
    }
    String n = input.strip().toUpperCase(Locale.ROOT);
    if (!n.matches("[0-9]{17}[0-9X]") || !PROVINCES.contains(n.substring(0, 2)) || n.startsWith("0000", 2)
      || n.charAt(17) != checkCharacter(n)) {
      return Optional.empty();
    }
    try {
      LocalDate birth = LocalDate.of(Integer.parseInt(n.substring(6, 10)), Integer.parseInt(n.substring(10, 12)),
        Integer.parseInt(n.substring(12, 14)));
      if (birth.getYear() < 1900 || birth.isAfter(today)) {
        return Optional.empty();
      }
      return Optional.of(new ResidentId(n, n.substring(0, 6), birth));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** ISO 7064 MOD 11-2 over the first 17 digits. */
  static char checkCharacter(String n) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (n.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  /** {@code 1101**********123X}: region prefix and last four only. */
  public String masked() {
    return number.substring(0, 4) + "*".repeat(10) + number.substring(14);
  }

  /** The first character of a name, the rest starred: {@code 张**}. */
  public static String maskName(String name) {
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }

  @Override
  public String toString() {
    // Never print the number, even by accident in a log line or an exception message.
    return "ResidentId[" + masked() + "]";
  }
}
