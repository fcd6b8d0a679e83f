package io.liveroom.account;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a guardian consents to on a minor's behalf; each is a separate, audited record in
 * {@code guardian_consents}, granted and withdrawn by an administrator after checking the guardian.
 *
 * <p>To add a processing purpose for minors (privacy policy section VI item 6: repurposing a
 * minor's data needs the guardian's consent again): add a constant here, and have the capability
 * that processes ask {@link Minors#requireGuardianConsent} before it starts. The admin route takes
 * every constant, so no other change is needed. A minor's own consent (the consent capability's
 * ledger) never stands in for the guardian's.
 */
public enum GuardianPurpose {
  /** The account itself: without it a minor's account stays {@code pending_guardian}. */
  ACCOUNT("account"),
  /** Hosting live rooms, for 16 to 18-year-olds (under 16 nobody may consent to it). */
  HOSTING("hosting");

  private final String wire;

  GuardianPurpose(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<GuardianPurpose> fromWire(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
  }

  /** The wire names, for validation messages and the API description. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(GuardianPurpose::wire).toList());
  }
}
