package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.util.List;
import java.util.function.Supplier;

/**
 * Throttling of password and code guesses, for login and for every re-authentication. Attempts are
 * counted per account (the phone's blind-index hash, so an unknown phone is throttled exactly like
 * a registered one and the lock reveals nothing) and per client IP, in a fixed window that starts
 * at the first attempt.
 *
 * <p>Contract: {@link #reserve} counts the attempt in both counters in one Redis script step
 * <em>before</em> anything is verified, and refuses (429 {@code login_throttled} with Retry-After
 * until the window ends) when either is already at its cap ({@code maxFailuresPerAccount}, default
 * 5; {@code maxFailuresPerIp}, default 50; window 900 s). So however many attempts run in parallel,
 * at most the cap of them reach the verifier per window, and a throttled attempt is refused even
 * with the right password. A wrong guess keeps its reservation; {@link #succeeded} clears the
 * account's count (failures are forgiven once the owner proves the secret) and returns the IP's
 * reservation; {@link #unused} returns both when nothing was verified (the hashing queue was full).
 */
public final class LoginThrottle {
  private static final RedisScript RESERVE = RedisScript.load("lua/account/login_reserve.lua");
  private static final RedisScript RELEASE = RedisScript.load("lua/account/login_release.lua");

  private final RedisAPI redis;
  private final AccountsConfig.Login config;

  public LoginThrottle(RedisAPI redis, AccountsConfig.Login config) {
    this.redis = redis;
    this.config = config;
  }

  public Future<Void> reserve(String phoneKey, String ip) {
    return RESERVE.run(redis, List.of(accountKey(phoneKey), ipKey(ip)),
        List.of(Integer.toString(config.maxFailuresPerAccount()), Integer.toString(config.maxFailuresPerIp()),
          Integer.toString(config.windowSeconds())))
      .compose(reply -> reply.get(0).toInteger() == 0 ? Future.succeededFuture()
        : Future.failedFuture(AppException.retryAfter(ErrorCode.LOGIN_THROTTLED,
          "Too many failed attempts; try again later.", reply.get(1).toLong())));
  }

  /** The secret was proven: the account's failures are forgiven and the IP's reservation returned. */
  public Future<Void> succeeded(String phoneKey, String ip) {
    return release(phoneKey, ip, "success");
  }

  /** Nothing was verified (e.g. {@code busy}): both reservations are returned. */
  public Future<Void> unused(String phoneKey, String ip) {
    return release(phoneKey, ip, "unused");
  }

  private Future<Void> release(String phoneKey, String ip, String outcome) {
    return RELEASE.run(redis, List.of(accountKey(phoneKey), ipKey(ip)), List.of(outcome)).mapEmpty();
  }

  /**
   * Runs {@code attempt} under a reservation: a success releases it as {@link #succeeded}, a
   * {@code busy} refusal (nothing verified) as {@link #unused}, and any other failure keeps it.
   */
  public <T> Future<T> guard(String phoneKey, String ip, Supplier<Future<T>> attempt) {
    return reserve(phoneKey, ip).compose(v -> attempt.get().transform(ar -> {
      if (ar.succeeded()) {
        return succeeded(phoneKey, ip).map(ar.result());
      }
      if (ar.cause() instanceof AppException a && a.code() == ErrorCode.BUSY) {
        return unused(phoneKey, ip).compose(x -> Future.<T>failedFuture(ar.cause()));
      }
      return Future.failedFuture(ar.cause());
    }));
  }

  private static String accountKey(String phoneKey) {
    return "acct:loginfail:phone:" + phoneKey;
  }

  private static String ipKey(String ip) {
    return "acct:loginfail:ip:" + ip;
  }
}
