package io.liveroom.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id with OWASP's parameters (m = 19456 KiB, t = 2, p = 1), stored as the PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). Each hash costs ~19 MiB and tens of
 * milliseconds, so it runs on a dedicated, bounded worker pool: never on an event loop, and a burst
 * of logins queues there instead of starving the shared worker pool.
 *
 * <p>The queue is bounded too: at most {@code workers + queueMax} jobs are running or waiting; one
 * more fails at once with 503 {@code busy} and Retry-After, instead of parking requests (and their
 * memory) behind a backlog an attacker can grow at will. Each password verification that actually
 * runs is counted in {@code liveroom.accounts.password.verifications}.
 *
 * <p>Shared by every event loop: {@code executeBlocking} hands its result back on the calling
 * context by itself ({@code CallerContextTest} checks it), so callers need no {@code CallerContext}.
 */
public final class PasswordHasher {
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 0x13);
  static final String VERIFICATIONS = "liveroom.accounts.password.verifications";

  /** Verified when a phone is unknown, so a miss costs the same time as a wrong password. Built
   * lazily, on the first worker that needs it, never on an event loop. */
  private static final class Decoy {
    static final String HASH = Password.hash("decoy-password-never-matches").addRandomSalt(16).with(ARGON2).getResult();
  }

  private final WorkerExecutor workers;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter verifications;

  public PasswordHasher(Vertx vertx, int poolSize, int queueMax, MeterRegistry meters) {
    this.workers = vertx.createSharedWorkerExecutor("liveroom-password-hashing", poolSize);
    this.maxInFlight = poolSize + queueMax;
    this.verifications = Counter.builder(VERIFICATIONS)
      .description("Password verifications that ran Argon2 (login and re-authentication)").register(meters);
  }

  public Future<String> hash(String password) {
    return bounded(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult());
  }

  /** True when {@code password} matches {@code phc}; a null hash is checked against a decoy. */
  public Future<Boolean> verify(String password, String phc) {
    boolean known = phc != null;
    return bounded(() -> {
      verifications.increment();
      String target = known ? phc : Decoy.HASH;
      return Password.check(password, target).with(Argon2Function.getInstanceFromHash(target)) && known;
    });
  }

  private <T> Future<T> bounded(Callable<T> job) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return Future.failedFuture(AppException.retryAfter(ErrorCode.BUSY,
        "The server is busy checking passwords; try again in a moment.", 1));
    }
    return workers.executeBlocking(job, false).andThen(ar -> inFlight.decrementAndGet());
  }
}
