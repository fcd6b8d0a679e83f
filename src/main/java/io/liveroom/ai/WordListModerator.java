package io.liveroom.ai;

import java.util.List;
import java.util.Locale;

/**
 * Blocks text containing any configured word ({@code ai.moderation.blockedWords}), matched
 * case-insensitively as a substring so that CJK terms (no spaces) match too. An empty list allows
 * everything.
 */
public final class WordListModerator implements ContentModerator {
  private final List<String> words;
  private final int longest;

  public WordListModerator(List<String> words) {
    this.words = words.stream().filter(w -> !w.isBlank()).map(w -> w.toLowerCase(Locale.ROOT)).toList();
    this.longest = this.words.stream().mapToInt(String::length).max().orElse(0);
  }

  @Override
  public String findBlocked(String text) {
    if (words.isEmpty() || text == null || text.isEmpty()) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (lower.contains(w)) {
        return w;
      }
    }
    return null;
  }

  @Override
  public int lookBehind() {
    return Math.max(0, longest - 1);
  }
}
