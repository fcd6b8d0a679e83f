package io.liveroom.ai;

import io.liveroom.text.MatchForm;

import java.util.List;

/**
 * Blocks text containing any configured word ({@code ai.moderation.blockedWords}), matched as a
 * substring so that CJK terms (no spaces) match too. Words and text are compared in
 * {@link MatchForm} (case-folded, NFKC, invisible characters removed), as the chat keyword filter
 * does, so {@code b\u200Dad} or full-width {@code ＢＡＤ} is {@code bad}. An empty list allows
 * everything.
 */
public final class WordListModerator implements ContentModerator {
  private final List<String> words;
  private final int longest;

  public WordListModerator(List<String> words) {
    this.words = words.stream().map(w -> MatchForm.normalize(w.strip())).filter(w -> !w.isEmpty()).toList();
    this.longest = this.words.stream().mapToInt(String::length).max().orElse(0);
  }

  @Override
  public String findBlocked(String text) {
    if (words.isEmpty() || text == null || text.isEmpty()) {
      return null;
    }
    String normalized = MatchForm.normalize(text);
    for (String w : words) {
      if (normalized.contains(w)) {
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
