package io.liveroom.ai;

/**
 * The moderation hook for AI dialogue: every text the client supplies (all turns of a completions
 * request, conversation titles and system prompts, socket input) is checked before anything goes
 * upstream, and
 * the model's output is checked as it streams (each new delta together with the text just before
 * it, so a term split across deltas is still found). The live-room keyword filter is meant to back
 * it; {@link WordListModerator} is the configured-word-list implementation.
 *
 * <p>Contract: called on an event loop for every delta, so it must be in-memory, non-blocking and
 * fast; it returns the first blocked term found, or null when the text is allowed.
 */
public interface ContentModerator {
  String findBlocked(String text);

  /** How many characters before a new delta must be rechecked with it (the longest term). */
  int lookBehind();
}
