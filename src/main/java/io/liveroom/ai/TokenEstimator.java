package io.liveroom.ai;

import java.util.List;

/**
 * Estimates token counts from text when no tokenizer is at hand (context trimming, and usage when
 * the upstream reports none). BPE tokenizers give about 4 characters of Latin text per token and
 * about one token per CJK character; a message adds a few tokens of framing. Errs on the high
 * side, so trimming stays within the upstream's window.
 */
public final class TokenEstimator {
  static final int PER_MESSAGE = 4;

  private TokenEstimator() {
  }

  public static int estimate(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int wide = 0;
    int narrow = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x2E80) {
        wide++;
      } else {
        narrow++;
      }
    }
    return wide + (narrow + 3) / 4;
  }

  public static int estimate(List<PromptMessage> messages) {
    int total = 0;
    for (PromptMessage m : messages) {
      total += PER_MESSAGE + estimate(m.content());
    }
    return total;
  }
}
