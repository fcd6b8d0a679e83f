package io.liveroom.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable keyword matcher. Words match anywhere in the text (substring match: there are no
 * word boundaries in Chinese or Japanese), compared in {@link MatchForm}: case-folded, NFKC, with
 * invisible characters removed, so {@code b\u200Dad}, {@code ＢＡＤ} or {@code b\u00ADad} still
 * match {@code bad}. A {@code reject} word refuses the whole message; a {@code mask} word is replaced
 * in the original text by one {@code *} per visible character of the span it came from (invisible
 * characters inside that span are dropped). Scanning is a trie walk from each position of the
 * normalized text, O(text length × longest word), independent of the list size.
 */
public final class KeywordFilter {
  public static final KeywordFilter EMPTY = new KeywordFilter(List.of(), List.of());

  private final Node root = new Node();
  private final int size;

  public KeywordFilter(List<String> maskWords, List<String> rejectWords) {
    maskWords.forEach(w -> add(w, false));
    rejectWords.forEach(w -> add(w, true));
    this.size = maskWords.size() + rejectWords.size();
  }

  /** The outcome: rejected, or the (possibly masked) text. */
  public record Result(boolean rejected, boolean masked, String text) {
  }

  public int size() {
    return size;
  }

  public Result apply(String text) {
    MatchForm form = MatchForm.of(text);
    String norm = form.text();
    boolean[] masked = null;
    for (int i = 0; i < norm.length(); i++) {
      Node n = root;
      int matchEnd = -1;
      for (int j = i; j < norm.length(); j++) {
        n = n.next.get(norm.charAt(j));
        if (n == null) {
          break;
        }
        if (n.reject) {
          return new Result(true, false, text);
        }
        if (n.mask) {
          matchEnd = j;
        }
      }
      if (matchEnd >= 0) {
        if (masked == null) {
          masked = new boolean[text.length()];
        }
        java.util.Arrays.fill(masked, form.originalStart(i), form.originalEnd(matchEnd), true);
      }
    }
    return masked == null ? new Result(false, false, text) : new Result(false, true, mask(text, masked));
  }

  /** The text with each visible code point of a masked span as {@code *}, its invisible ones dropped. */
  private static String mask(String text, boolean[] masked) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!masked[i]) {
        out.appendCodePoint(cp);
      } else if (!MatchForm.isInvisible(cp)) {
        out.append('*');
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private void add(String word, boolean reject) {
    String w = MatchForm.normalize(word.strip());
    if (w.isEmpty()) {
      return;
    }
    Node n = root;
    for (int i = 0; i < w.length(); i++) {
      n = n.next.computeIfAbsent(w.charAt(i), c -> new Node());
    }
    if (reject) {
      n.reject = true;
    } else {
      n.mask = true;
    }
  }

  private static final class Node {
    final Map<Character, Node> next = new HashMap<>(4);
    boolean mask;
    boolean reject;
  }
}
