package io.liveroom.room;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable keyword matcher. Words match case-insensitively anywhere in the text (substring
 * match: there are no word boundaries in Chinese or Japanese). A {@code reject} word refuses the
 * whole message; a {@code mask} word is replaced by one {@code *} per character. Scanning is a trie
 * walk from each position, O(text length × longest word), independent of the list size.
 */
final class KeywordFilter {
  static final KeywordFilter EMPTY = new KeywordFilter(List.of(), List.of());

  private final Node root = new Node();
  private final int size;

  KeywordFilter(List<String> maskWords, List<String> rejectWords) {
    maskWords.forEach(w -> add(w, false));
    rejectWords.forEach(w -> add(w, true));
    this.size = maskWords.size() + rejectWords.size();
  }

  /** The outcome: rejected, or the (possibly masked) text. */
  record Result(boolean rejected, boolean masked, String text) {
  }

  int size() {
    return size;
  }

  Result apply(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.length() != text.length()) {
      // Lower-casing changed the length (rare scripts); match on the original so offsets line up.
      lower = text;
    }
    char[] out = null;
    for (int i = 0; i < lower.length(); i++) {
      Node n = root;
      int matchEnd = -1;
      for (int j = i; j < lower.length(); j++) {
        n = n.next.get(lower.charAt(j));
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
        if (out == null) {
          out = text.toCharArray();
        }
        for (int k = i; k <= matchEnd; k++) {
          out[k] = '*';
        }
      }
    }
    return out == null ? new Result(false, false, text) : new Result(false, true, new String(out));
  }

  private void add(String word, boolean reject) {
    String w = word.toLowerCase(Locale.ROOT).trim();
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
