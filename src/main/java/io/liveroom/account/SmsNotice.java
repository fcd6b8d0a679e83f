package io.liveroom.account;

/**
 * Security notices texted to a number (no code): each has a stable wire name the gateway may map
 * to a localized template, and a default text.
 */
public enum SmsNotice {
  /** To the old number, after the account moved to another one. */
  PHONE_CHANGED("phone_changed", "Your Liveroom account's phone number was just changed. "
    + "If this was not you, contact support at once.");

  private final String wire;
  private final String text;

  SmsNotice(String wire, String text) {
    this.wire = wire;
    this.text = text;
  }

  public String wire() {
    return wire;
  }

  public String text() {
    return text;
  }
}
