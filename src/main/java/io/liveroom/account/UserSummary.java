package io.liveroom.account;

import io.liveroom.auth.Role;
import java.time.LocalDate;
import java.time.Period;

/**
 * What other capabilities may know about a user: the public profile plus the flags their rules
 * need. Never the phone, email, real name or ID number; {@code hasPhone} only says whether there is
 * one (an account created through a sign-in provider has none until it adds one, and the real-name
 * rules want a phone before hosting, chatting or gifting).
 */
public record UserSummary(long id, String nickname, String avatarUrl, Role role, String status,
                          boolean identityVerified, LocalDate birthDate, boolean hasPhone) {
  public boolean active() {
    return "active".equals(status);
  }

  /** Under 18 on the given day; unknown birth dates count as minors until verified. */
  public boolean minorOn(LocalDate today) {
    return birthDate == null || Period.between(birthDate, today).getYears() < 18;
  }

  public boolean verifiedAdultOn(LocalDate today) {
    return identityVerified && !minorOn(today);
  }
}
