package io.liveroom.personaldata;

/**
 * How content a cancelled user wrote to others is treated ({@code privacy.cancellation.chat}).
 * {@code ANONYMIZE} keeps the text in rooms' history but detaches it from the person (the sender id
 * is replaced by the anonymous account id that remains; the profile is already anonymized);
 * {@code DELETE} erases the text. Profile, contact, identity and credentials are deleted in both.
 */
public enum ErasureMode {
  ANONYMIZE, DELETE;

  public static ErasureMode fromWire(String wire) {
    return "delete".equals(wire) ? DELETE : ANONYMIZE;
  }
}
