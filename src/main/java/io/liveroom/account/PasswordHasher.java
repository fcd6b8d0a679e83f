package io.liveroom.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Argon2id with OWASP's parameters (m = 19456 KiB, t = 2, p = 1), stored as the PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). Each hash costs ~19 MiB and tens of
 * milliseconds, so it runs on a dedicated, bounded worker pool: never on an event loop, and a burst
 * of logins queues there instead of starving the shared worker pool. Shared by every event loop:
 * {@code executeBlocking} hands its result back on the calling context by itself
 * ({@code CallerContextTest} checks it), so callers need no {@code CallerContext}.
 */
public final class PasswordHasher {
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 0x13);

  /** Verified when a phone is unknown, so a miss costs the same time as a wrong password. Built
   * lazily, on the first worker that needs it, never on an event loop. */
  private static final class Decoy {
    static final String HASH = Password.hash("decoy-password-never-matches").addRandomSalt(16).with(ARGON2).getResult();
  }

  private final WorkerExecutor workers;

  public PasswordHasher(Vertx vertx, int poolSize) {
    this.workers = vertx.createSharedWorkerExecutor("liveroom-password-hashing", poolSize);
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult(), false);
  }

  /** True when {@code password} matches {@code phc}; a null hash is checked against a decoy. */
  public Future<Boolean> verify(String password, String phc) {
    boolean known = phc != null;
    return workers.executeBlocking(() -> {
      String target = known ? phc : Decoy.HASH;
      return Password.check(password, target).with(Argon2Function.getInstanceFromHash(target)) && known;
    }, false);
  }
}
