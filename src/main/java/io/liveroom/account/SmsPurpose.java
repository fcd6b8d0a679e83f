package io.liveroom.account;

import java.util.Optional;

/** What a verification code may be used for; a code is bound to one phone and one purpose. */
public enum SmsPurpose {
  REGISTER("register"), LOGIN("login"), RESET_PASSWORD("reset_password"), CHANGE_PHONE("change_phone"),
  /** Re-authentication before cancelling the account (privacy). */
  CANCEL_ACCOUNT("cancel_account"),
  /** Re-authentication before a phone change, sent to the account's current number. */
  CONFIRM_PHONE_CHANGE("confirm_phone_change"),
  /** Re-authentication before adding or changing the email, sent to the account's current number. */
  CONFIRM_EMAIL_CHANGE("confirm_email_change");

  private final String wire;

  SmsPurpose(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<SmsPurpose> fromWire(String value) {
    for (SmsPurpose p : values()) {
      if (p.wire.equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
