package io.liveroom.account;

import io.liveroom.config.AccountsConfig;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

/**
 * Encryption of personal data at rest (phone numbers, real names, ID numbers): AES-256-GCM with a
 * fresh 96-bit nonce per value and the owning user's id as associated data, so a ciphertext copied
 * onto another user's row fails to decrypt. The key id is stored beside each value so keys can
 * rotate: new values use the active key, old ones decrypt with theirs.
 *
 * <p>Lookups go through a blind index: HMAC-SHA256 of the normalized value under a separate key.
 * Equal inputs give equal indexes (so a unique constraint works), and the index reveals nothing
 * without the key.
 */
public final class FieldCrypto {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKeySpec> keys;
  private final String activeKeyId;
  private final SecretKeySpec indexKey;

  /** A value encrypted under {@code keyId}: nonce followed by ciphertext and tag. */
  public record Sealed(String keyId, byte[] bytes) {
  }

  public FieldCrypto(AccountsConfig.Crypto config) {
    if (config.generated()) {
      throw new IllegalArgumentException("crypto keys must be resolved before use");
    }
    this.keys = config.keys().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
      Map.Entry::getKey, e -> new SecretKeySpec(e.getValue(), "AES")));
    this.activeKeyId = config.activeKeyId();
    this.indexKey = new SecretKeySpec(config.indexKey(), "HmacSHA256");
  }

  public Sealed encrypt(String plaintext, long userId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(userId));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new Sealed(activeKeyId, ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public String decrypt(String keyId, byte[] sealed, long userId) {
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("No decryption key with id " + keyId + " is configured");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      c.updateAAD(aad(userId));
      byte[] pt = c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed for key " + keyId, e);
    }
  }

  /** The blind index of a value; {@code domain} separates kinds (a phone vs an ID number). */
  public byte[] index(String domain, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(indexKey);
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC failed", e);
    }
  }

  /** Hex of the first 16 bytes of an index: a stable, non-reversible Redis key part. */
  public String indexKeyPart(String domain, String value) {
    return java.util.HexFormat.of().formatHex(Arrays.copyOf(index(domain, value), 16));
  }

  private static byte[] aad(long userId) {
    return ("user:" + userId).getBytes(StandardCharsets.UTF_8);
  }
}
