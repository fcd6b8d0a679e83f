package io.liveroom.text;

import java.util.Locale;

/**
 * A user's search query in the forms the search SQL needs. Matching is on lower-cased text
 * ({@code lower(column)} in SQL, the root locale here: both leave Chinese as it is).
 * <ul>
 *   <li>{@link #prefixFrom} and {@link #prefixTo}: a range over {@code lower(column) COLLATE "C"}
 *   holding every text that starts with the query. A range, not {@code LIKE 'q%'}, because a range
 *   uses the btree index in a generic (prepared) plan too, and reads it in order, so the first page
 *   costs the same for a one-character prefix as for a long one.</li>
 *   <li>{@link #contains}: a {@code LIKE} pattern ({@code %q%}, metacharacters escaped) for the
 *   trigram index, or null when the query is shorter than {@link #MIN_CONTAINS} code points: a
 *   trigram index cannot narrow a shorter pattern, so such a query would scan the table.</li>
 *   <li>{@link #text}: the lower-cased query, for a plain scan ({@code strpos}) of a small table
 *   where a shorter query must still match inside a text (rooms).</li>
 * </ul>
 */
public record SearchTerms(String text, String prefixFrom, String prefixTo, String contains) {
  /** Shortest query (in code points) that also matches inside a text, not only at its start. */
  public static final int MIN_CONTAINS = 3;
  /** U+10FFFF: the largest code point, so the largest UTF-8 byte sequence after the prefix. */
  private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

  /** The terms of a query that is already trimmed and not empty. */
  public static SearchTerms of(String query) {
    String text = query.strip().toLowerCase(Locale.ROOT);
    String contains = text.codePointCount(0, text.length()) >= MIN_CONTAINS ? "%" + escapeLike(text) + "%" : null;
    return new SearchTerms(text, text, text + MAX_CODE_POINT, contains);
  }

  /** Escapes LIKE's wildcards and its default escape character, so the query matches literally. */
  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
