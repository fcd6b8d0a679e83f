package io.liveroom.youth;

import java.time.ZoneId;

/**
 * A user's youth mode as it stands: whether it is on, why ({@code minor}: by age, always unless a
 * guardian turned it off; {@code chosen}: an adult turned it on; {@code guardian_off}; {@code off}),
 * the time zone its day and curfew follow, and whether a youth-mode password is set.
 */
public record YouthMode(boolean on, String reason, boolean minor, ZoneId zone, boolean passwordSet) {
  /** The mode from the stored settings (null when none) and the user's age. */
  static YouthMode of(boolean minor, YouthSettings settings, ZoneId defaultZone) {
    ZoneId zone = settings == null || settings.timeZone() == null ? defaultZone : ZoneId.of(settings.timeZone());
    boolean passwordSet = settings != null && settings.passwordHash() != null;
    if (minor) {
      // Only the guardian path turns a minor's mode off; an "off" kept from an adult-looking past does not count.
      boolean guardianOff = settings != null && !settings.enabled() && settings.guardianEvidenceRef() != null;
      return new YouthMode(!guardianOff, guardianOff ? "guardian_off" : "minor", true, zone, passwordSet);
    }
    boolean chosen = settings != null && settings.enabled();
    return new YouthMode(chosen, chosen ? "chosen" : "off", false, zone, passwordSet);
  }
}
