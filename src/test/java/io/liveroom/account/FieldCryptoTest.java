package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Field encryption, blind indexes and password hashes")
class FieldCryptoTest {
  private static final byte[] K1 = key(1);
  private static final byte[] K2 = key(2);
  private static final byte[] IDX = key(3);

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return k;
  }

  @Test
  @DisplayName("Values encrypted under an old key still decrypt after rotation; new ones use the new key")
  void rotation() {
    FieldCrypto old = new FieldCrypto(new AccountsConfig.Crypto(Map.of("k1", K1), "k1", IDX));
    FieldCrypto.Sealed sealed = old.encrypt("+8613812345678", 7);
    FieldCrypto rotated = new FieldCrypto(new AccountsConfig.Crypto(Map.of("k1", K1, "k2", K2), "k2", IDX));
    assertThat(rotated.decrypt(sealed.keyId(), sealed.bytes(), 7)).isEqualTo("+8613812345678");
    assertThat(rotated.encrypt("x", 7).keyId()).isEqualTo("k2");
    assertThat(rotated.index("phone", "+8613812345678")).isEqualTo(old.index("phone", "+8613812345678"));
  }

  @Test
  @DisplayName("A ciphertext moved to another user's row does not decrypt (user id is the associated data)")
  void aadBindsUser() {
    FieldCrypto c = new FieldCrypto(new AccountsConfig.Crypto(Map.of("k1", K1), "k1", IDX));
    FieldCrypto.Sealed sealed = c.encrypt("secret", 7);
    assertThatThrownBy(() -> c.decrypt("k1", sealed.bytes(), 8)).isInstanceOf(IllegalStateException.class);
    assertThat(c.encrypt("secret", 7).bytes()).as("fresh nonce each time").isNotEqualTo(sealed.bytes());
  }

  @Test
  @DisplayName("Blind indexes differ per domain and per value")
  void indexes() {
    FieldCrypto c = new FieldCrypto(new AccountsConfig.Crypto(Map.of("k1", K1), "k1", IDX));
    assertThat(c.index("phone", "a")).isNotEqualTo(c.index("resident-id", "a")).isNotEqualTo(c.index("phone", "b"));
  }

  @Test
  @DisplayName("Passwords are Argon2id PHC strings with m=19456, t=2, p=1, hashed on a worker")
  void argon2() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PasswordHasher h = new PasswordHasher(vertx, 1, 16, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
      String phc = h.hash("a fine password").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      assertThat(h.verify("a fine password", phc).toCompletionStage().toCompletableFuture().get()).isTrue();
      assertThat(h.verify("another", phc).toCompletionStage().toCompletableFuture().get()).isFalse();
      assertThat(h.verify("a fine password", null).toCompletionStage().toCompletableFuture().get()).isFalse();
    } finally {
      vertx.close();
    }
  }
}
