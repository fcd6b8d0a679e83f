package io.liveroom.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads a PKCS#8 private key in PEM ("-----BEGIN PRIVATE KEY-----"), as Google's service-account files and Apple's .p8 keys hold them. */
final class PemKeys {
  private PemKeys() {
  }

  /** {@code algorithm} is {@code RSA} (FCM service account) or {@code EC} (APNs .p8). */
  static PrivateKey privateKey(String pem, String algorithm, String what) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalStateException(what + " is not a PKCS#8 " + algorithm + " private key in PEM: " + e.getMessage(), e);
    }
  }
}
