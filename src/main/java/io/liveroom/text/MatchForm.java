package io.liveroom.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The form in which text is compared with word lists (the chat keyword filter, AI moderation), so
 * that invisible or look-alike characters do not hide a listed word: every default-ignorable code
 * point and every format character (general category Cf) is removed, the rest is NFKC-normalized
 * (full-width letters, ligatures, compatibility forms become their plain form) and case-folded.
 * Both the list and the text go through the same form.
 *
 * <p>{@link #of} also keeps, for every char of the normalized text, the span of the original text
 * it came from, so a match can be masked in the original. Normalization runs per segment (a code
 * point with the combining marks that follow it), which is where NFKC composes; a match that
 * starts or ends inside a segment covers the whole segment.
 *
 * <p>Case folding is upper- then lower-casing in the root locale, which folds the cases
 * {@link String#toLowerCase} alone misses (final sigma, sharp s as "ss"). It is plain JDK code: the
 * only Unicode property the JDK lacks, Default_Ignorable_Code_Point, is the short, stable list in
 * {@link #isDefaultIgnorable}, so no 13 MB library is needed for it.
 */
public final class MatchForm {
  private final String text;
  private final int[] starts;
  private final int[] ends;

  private MatchForm(String text, int[] starts, int[] ends) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
  }

  /** The normalized form of {@code s}, for word lists and plain containment checks. */
  public static String normalize(String s) {
    return of(s).text();
  }

  /** The normalized form of {@code original} with the map back to it. */
  public static MatchForm of(String original) {
    if (isPlainAscii(original)) {
      int n = original.length();
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        starts[i] = i;
        ends[i] = i + 1;
      }
      return new MatchForm(original.toLowerCase(Locale.ROOT), starts, ends);
    }
    Builder b = new Builder(original.length());
    int segStart = -1;
    int segEnd = -1;
    for (int i = 0; i < original.length(); ) {
      int cp = original.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isInvisible(cp)) {
        i = next;
        continue;
      }
      if (segStart >= 0 && isCombiningMark(cp)) {
        segEnd = next;
      } else {
        b.segment(original, segStart, segEnd);
        segStart = i;
        segEnd = next;
      }
      i = next;
    }
    b.segment(original, segStart, segEnd);
    return b.build();
  }

  /** The normalized text. */
  public String text() {
    return text;
  }

  /** Where in the original text the normalized chars {@code from..to} (inclusive) came from: [start, end). */
  public int originalStart(int from) {
    return starts[from];
  }

  public int originalEnd(int to) {
    return ends[to];
  }

  /** Removed before matching: default-ignorable code points and format characters (Cf). */
  public static boolean isInvisible(int cp) {
    return Character.getType(cp) == Character.FORMAT || isDefaultIgnorable(cp);
  }

  /**
   * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), the ranges not already of
   * category Cf: combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian
   * variation selectors, variation selectors, reserved U+2065 and U+FFF0..FFF8, and the tag and
   * variation-selector plane E0000..E0FFF.
   */
  static boolean isDefaultIgnorable(int cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
      || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F)
      || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F)
      || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0
      || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
      || (cp >= 0xE0000 && cp <= 0xE0FFF);
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
      || type == Character.ENCLOSING_MARK;
  }

  /** Printable ASCII and line breaks: nothing to remove, NFKC is the identity, folding is lower-casing. */
  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7E || (c < 0x20 && c != '\n')) {
        return false;
      }
    }
    return true;
  }

  /** Accumulates normalized segments and their original spans. */
  private static final class Builder {
    private final StringBuilder text;
    private int[] starts;
    private int[] ends;

    Builder(int capacity) {
      this.text = new StringBuilder(capacity);
      this.starts = new int[Math.max(4, capacity)];
      this.ends = new int[starts.length];
    }

    void segment(String original, int start, int end) {
      if (start < 0) {
        return;
      }
      String folded = fold(Normalizer.normalize(original.substring(start, end), Normalizer.Form.NFKC));
      for (int i = 0; i < folded.length(); ) {
        int cp = folded.codePointAt(i);
        int n = Character.charCount(cp);
        // NFKC can produce an ignorable (U+3164 HANGUL FILLER becomes U+1160): drop it too.
        if (!isInvisible(cp)) {
          for (int k = 0; k < n; k++) {
            append(folded.charAt(i + k), start, end);
          }
        }
        i += n;
      }
    }

    private void append(char c, int start, int end) {
      int at = text.length();
      if (at == starts.length) {
        starts = Arrays.copyOf(starts, at * 2);
        ends = Arrays.copyOf(ends, at * 2);
      }
      text.append(c);
      starts[at] = start;
      ends[at] = end;
    }

    private static String fold(String s) {
      return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    MatchForm build() {
      return new MatchForm(text.toString(), starts, ends);
    }
  }
}
