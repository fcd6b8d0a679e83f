package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * SMS verification codes: 6 digits from a CSPRNG, bound to (phone, purpose), kept in Redis only as
 * an HMAC, valid for {@code codeTtlSeconds} by this service's clock, single use, dead after
 * {@code maxAttempts} wrong tries. Sending is capped per number (cooldown and daily), per client IP
 * and per number prefix (SMS pumping), each refusal a 429 with Retry-After. Redis keys carry only
 * blind-index hashes of the phone, never the number.
 */
public final class SmsCodeService {
  private static final Logger LOG = LoggerFactory.getLogger(SmsCodeService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String[] LIMITS = {"", "cooldown", "daily", "ip", "prefix"};
  private static final RedisScript SEND = RedisScript.load("lua/account/sms_send.lua");
  private static final RedisScript VERIFY = RedisScript.load("lua/account/sms_verify.lua");

  private final RedisAPI redis;
  private final SmsSender sender;
  private final FieldCrypto crypto;
  private final AccountsConfig.Sms config;
  private final Clock clock;

  public SmsCodeService(RedisAPI redis, SmsSender sender, FieldCrypto crypto, AccountsConfig.Sms config,
                        Clock clock) {
    this.redis = redis;
    this.sender = sender;
    this.crypto = crypto;
    this.config = config;
    this.clock = clock;
  }

  /** Issues and sends a new code, replacing any earlier one for the same phone and purpose. */
  public Future<Void> send(String e164, SmsPurpose purpose, String ip) {
    String phoneKey = crypto.indexKeyPart("phone", e164);
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    List<String> keys = List.of("acct:sms:cool:" + phoneKey, "acct:sms:day:" + phoneKey, "acct:sms:ip:" + ip,
      "acct:sms:prefix:" + crypto.indexKeyPart("phone-prefix", PhoneNumbers.prefix(e164)),
      codeKey(phoneKey, purpose));
    List<String> args = List.of(Integer.toString(config.resendSeconds()), Integer.toString(config.perNumberPerDay()),
      Integer.toString(config.perIpPerHour()), Integer.toString(config.perPrefixPerHour()),
      hash(e164, purpose, code), Long.toString(clock.millis() + config.codeTtlSeconds() * 1000L),
      Integer.toString(config.codeTtlSeconds()));
    return SEND.run(redis, keys, args).compose(reply -> {
      int limit = reply.get(0).toInteger();
      if (limit != 0) {
        long retry = reply.get(1).toLong();
        LOG.info("SMS code for phone#{} refused: {} limit, retry in {} s", phoneKey, LIMITS[limit], retry);
        return Future.failedFuture(AppException.retryAfter(ErrorCode.SMS_RATE_LIMITED,
          "Too many codes requested; try again later.", retry).with(Map.of("limit", LIMITS[limit])));
      }
      return sender.send(e164, purpose, code, config.codeTtlSeconds())
        .onSuccess(v -> LOG.info("SMS code for {} issued to phone#{}", purpose.wire(), phoneKey));
    });
  }

  /**
   * Consumes the code if it matches. Fails with {@code code_invalid} (wrong, unknown or already
   * used), {@code code_expired}, or {@code code_attempts_exceeded} (request a new code).
   */
  public Future<Void> verify(String e164, SmsPurpose purpose, String candidate) {
    String phoneKey = crypto.indexKeyPart("phone", e164);
    return VERIFY.run(redis, List.of(codeKey(phoneKey, purpose)),
        List.of(hash(e164, purpose, candidate), Long.toString(clock.millis()), Integer.toString(config.maxAttempts())))
      .compose(SmsCodeService::outcome);
  }

  private static Future<Void> outcome(Response reply) {
    return switch (reply.toString()) {
      case "ok" -> Future.succeededFuture();
      case "expired" -> Future.failedFuture(AppException.of(ErrorCode.CODE_EXPIRED,
        "The code has expired; request a new one."));
      case "exhausted" -> Future.failedFuture(AppException.of(ErrorCode.CODE_ATTEMPTS_EXCEEDED,
        "Too many wrong codes; request a new one."));
      default -> Future.failedFuture(AppException.of(ErrorCode.CODE_INVALID, "The code is not valid."));
    };
  }

  private static String codeKey(String phoneKey, SmsPurpose purpose) {
    return "acct:sms:code:" + purpose.wire() + ":" + phoneKey;
  }

  private String hash(String e164, SmsPurpose purpose, String code) {
    return crypto.indexKeyPart("sms-code", e164 + "|" + purpose.wire() + "|" + code);
  }
}
