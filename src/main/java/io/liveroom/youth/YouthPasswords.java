package io.liveroom.youth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * The youth-mode password: Argon2id (OWASP's parameters, as account passwords) stored as a PHC
 * string, hashed and checked on a small worker pool of its own, never on an event loop.
 */
final class YouthPasswords {
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 0x13);

  private final WorkerExecutor workers;

  YouthPasswords(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("liveroom-youth-passwords", 2);
  }

  Future<String> hash(String password) {
    return workers.executeBlocking(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult(), false);
  }

  /** False for a null hash (no password set). */
  Future<Boolean> matches(String password, String phc) {
    if (phc == null || password == null) {
      return Future.succeededFuture(false);
    }
    return workers.executeBlocking(() -> Password.check(password, phc).with(Argon2Function.getInstanceFromHash(phc)),
      false);
  }
}
