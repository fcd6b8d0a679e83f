package io.liveroom.config;

/**
 * Notes ({@code notes.*}): a user keeps at most {@code maxPerUser} notes, each with at most
 * {@code maxTextChars} characters of text; a note not edited for {@code retentionDays} days is
 * deleted by the privacy scheduler (0 keeps notes until the user deletes them).
 */
public record NotesConfig(int maxPerUser, int maxTextChars, int retentionDays) {
  static NotesConfig from(ConfigReader r) {
    return new NotesConfig(
      r.intIn("notes.maxPerUser", 1, 1_000_000),
      r.intIn("notes.maxTextChars", 1, 1_000_000),
      r.intIn("notes.retentionDays", 0, 36_500));
  }
}
