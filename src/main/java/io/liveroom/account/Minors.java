package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;

/**
 * The one place that says how old a user counts as, and what a guardian has consented to, for
 * every capability that has rules about minors (rooms' hosting rule through the bootstrap, youth
 * mode, any new processing purpose). Ages come from the stored birth date: declared at
 * registration, replaced by the ID's at real-name verification.
 *
 * <p>Fixed by law: under 14 (sensitive personal information, PIPL Art. 28/31), under 16 and 16 to
 * 18 (the live-streaming rules on minors). Configurable: {@code accounts.minorAge} (default 18,
 * never below 14), under which an account needs a guardian's consent (policy section VI item 1).
 */
public final class Minors {
  /** Hosting is forbidden below this age, whatever a guardian says. */
  public static final int HOSTING_FORBIDDEN_BELOW = 16;
  /** From 16 to this age, hosting needs a guardian consent naming {@code hosting}. */
  public static final int HOSTING_CONSENT_BELOW = 18;

  /** Legal age bands; {@code UNKNOWN} when no birth date is known (not verified, none declared). */
  public enum AgeBand { UNKNOWN, UNDER_14, UNDER_16, UNDER_18, ADULT }

  /**
   * A user's band and whether they count as a minor under {@code accounts.minorAge}; an unknown
   * birth date counts as a minor (as {@link UserSummary#minorOn}) until a verified ID says otherwise.
   */
  public record AgeProfile(AgeBand band, boolean minor) {
  }

  private final int minorAge;
  private final UserDirectory directory;
  private final GuardianConsentRepository consents;
  private final Clock clock;

  public Minors(int minorAge, UserDirectory directory, GuardianConsentRepository consents, Clock clock) {
    this.minorAge = Math.max(minorAge, AccountsConfig.SENSITIVE_MINOR_AGE);
    this.directory = directory;
    this.consents = consents;
    this.clock = clock;
  }

  public int minorAge() {
    return minorAge;
  }

  /** Whether an account with this birth date must wait for a guardian's consent (unknown: no). */
  public boolean needsGuardian(LocalDate birthDate) {
    return birthDate != null && age(birthDate) < minorAge;
  }

  /** Under 14: sensitive personal information, with the stricter handling of docs/ACCOUNTS.md. */
  public boolean sensitive(LocalDate birthDate) {
    return birthDate != null && age(birthDate) < AccountsConfig.SENSITIVE_MINOR_AGE;
  }

  public AgeProfile profileOf(LocalDate birthDate) {
    if (birthDate == null) {
      return new AgeProfile(AgeBand.UNKNOWN, true);
    }
    int age = age(birthDate);
    AgeBand band = age < AccountsConfig.SENSITIVE_MINOR_AGE ? AgeBand.UNDER_14
      : age < HOSTING_FORBIDDEN_BELOW ? AgeBand.UNDER_16 : age < HOSTING_CONSENT_BELOW ? AgeBand.UNDER_18 : AgeBand.ADULT;
    return new AgeProfile(band, age < minorAge);
  }

  /** The user's age profile now; {@code not_found} for an unknown id. */
  public Future<AgeProfile> profile(long userId) {
    return directory.find(userId).map(u -> profileOf(u.birthDate()));
  }

  /** Whether a guardian consent for {@code purpose} is in force for the user. */
  public Future<Boolean> consentInForce(long userId, GuardianPurpose purpose) {
    return consents.inForce(userId, purpose);
  }

  /**
   * For a processing purpose that minors need their guardian's consent for: an adult passes; a
   * minor passes only with a consent for {@code purpose} in force, else {@code guardian_consent_required}.
   */
  public Future<Void> requireGuardianConsent(long userId, GuardianPurpose purpose) {
    return profile(userId).compose(p -> !p.minor() ? Future.succeededFuture() : consentInForce(userId, purpose)
      .compose(ok -> ok ? Future.<Void>succeededFuture() : Future.failedFuture(AppException.of(
        ErrorCode.GUARDIAN_CONSENT_REQUIRED, "This needs a guardian's consent for '" + purpose.wire() + "'."))));
  }

  /**
   * The hosting rule, asked when a room is created and every time it goes live: under 16 (or no
   * known birth date) never ({@code minor_cannot_host}); 16 to 18 only with a guardian consent for
   * {@code hosting} in force ({@code hosting_consent_required}); adults always.
   */
  public Future<Void> requireMayHost(long userId) {
    return profile(userId).compose(p -> switch (p.band()) {
      case ADULT -> Future.succeededFuture();
      case UNDER_18 -> consentInForce(userId, GuardianPurpose.HOSTING).compose(ok -> ok ? Future.<Void>succeededFuture()
        : Future.failedFuture(AppException.of(ErrorCode.HOSTING_CONSENT_REQUIRED,
          "Users under 18 can host a live room only with a guardian's consent to hosting.")));
      case UNKNOWN -> Future.failedFuture(AppException.of(ErrorCode.MINOR_CANNOT_HOST,
        "Hosting needs a known age of 16 or more; verify your identity."));
      default -> Future.failedFuture(AppException.of(ErrorCode.MINOR_CANNOT_HOST,
        "Users under 16 cannot host live rooms."));
    });
  }

  private int age(LocalDate birthDate) {
    return Period.between(birthDate, LocalDate.now(clock)).getYears();
  }
}
