package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * Failed-login throttling. Failures are counted per phone (its blind-index hash, so an unknown
 * phone is throttled exactly like a registered one and the lock reveals nothing) and per client IP,
 * in a fixed window that starts at the first failure. Once a count reaches its cap
 * ({@code maxFailuresPerAccount}, default 5; {@code maxFailuresPerIp}, default 50; window 900 s),
 * logins for that phone or from that IP are refused with 429 {@code login_throttled} and
 * Retry-After until the window ends, even with the right password. A successful login clears the
 * phone's count.
 */
public final class LoginThrottle {
  private final RedisAPI redis;
  private final AccountsConfig.Login config;

  public LoginThrottle(RedisAPI redis, AccountsConfig.Login config) {
    this.redis = redis;
    this.config = config;
  }

  public Future<Void> check(String phoneKey, String ip) {
    String account = accountKey(phoneKey);
    String addr = ipKey(ip);
    return redis.mget(List.of(account, addr)).compose(r -> {
      if (count(r.get(0)) >= config.maxFailuresPerAccount()) {
        return refuse(account);
      }
      if (count(r.get(1)) >= config.maxFailuresPerIp()) {
        return refuse(addr);
      }
      return Future.succeededFuture();
    });
  }

  public Future<Void> recordFailure(String phoneKey, String ip) {
    return Future.all(increment(accountKey(phoneKey)), increment(ipKey(ip))).mapEmpty();
  }

  public Future<Void> clear(String phoneKey) {
    return redis.del(List.of(accountKey(phoneKey))).mapEmpty();
  }

  private Future<Void> increment(String key) {
    return redis.incr(key).compose(n -> n.toLong() == 1
      ? redis.expire(List.of(key, Integer.toString(config.windowSeconds()))).mapEmpty()
      : Future.succeededFuture());
  }

  private Future<Void> refuse(String key) {
    return redis.ttl(key).compose(ttl -> Future.failedFuture(AppException.retryAfter(ErrorCode.LOGIN_THROTTLED,
      "Too many failed logins; try again later.", Math.max(1, ttl.toLong()))));
  }

  private static long count(io.vertx.redis.client.Response r) {
    return r == null ? 0 : r.toLong();
  }

  private static String accountKey(String phoneKey) {
    return "acct:loginfail:phone:" + phoneKey;
  }

  private static String ipKey(String ip) {
    return "acct:loginfail:ip:" + ip;
  }
}
