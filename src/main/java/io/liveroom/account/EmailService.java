package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Adding or changing the account's email, proven by a 6-digit code mailed to the new address.
 *
 * <p>Asking needs re-authentication ({@link Reauthentication}: the password, or an SMS code for
 * {@code confirm_email_change} sent to the current phone), as a verified email can become a way to
 * log in: a stolen access token alone must not be enough to attach an address. The code is kept
 * only as a keyed HMAC bound to the user and the address, valid {@code codeTtlSeconds}, single
 * use, dead after {@code maxAttempts} wrong tries; a new request replaces the old one, but not more
 * often than every {@code resendSeconds} (429 {@code email_rate_limited}). The address becomes the
 * account's verified email only once the code matches, and a verified address belongs to one
 * account ({@code email_taken}).
 */
public final class EmailService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EmailRepository emails;
  private final Reauthentication reauth;
  private final EmailSender sender;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final AccountsConfig.Email config;
  private final Clock clock;

  private enum Outcome { OK, INVALID, EXPIRED, EXHAUSTED }

  /** What a verification attempt decided, and the address it verified ({@code OK} only). */
  private record Verdict(Outcome outcome, String address) {
    static Verdict of(Outcome outcome) {
      return new Verdict(outcome, null);
    }
  }

  EmailService(EmailRepository emails, Reauthentication reauth, EmailSender sender, FieldCrypto crypto,
               AuditLog audit, AccountsConfig.Email config, Clock clock) {
    this.emails = emails;
    this.reauth = reauth;
    this.sender = sender;
    this.crypto = crypto;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /** Re-authenticates, then mails a code to {@code email}; exactly one of password and phone code. */
  public Future<Void> requestChange(long userId, String email, String currentPassword, String currentPhoneCode,
                                    String ip) {
    String address = email.toLowerCase(Locale.ROOT);
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    Instant now = clock.instant();
    return reauth.verify(userId, currentPassword, currentPhoneCode, SmsPurpose.CONFIRM_EMAIL_CHANGE, ip)
      .compose(v -> emails.upsertPending(userId, address, hash(userId, address, code),
        now.plusSeconds(config.codeTtlSeconds()), now, config.resendSeconds()))
      .compose(replaced -> replaced ? Future.succeededFuture() : tooSoon(userId, now))
      .compose(v -> sender.sendCode(address, code, config.codeTtlSeconds())
        // A code nobody received must not block a retry for resendSeconds.
        .recover(e -> emails.deletePending(emails.pool(), userId).compose(x -> Future.failedFuture(e))))
      .compose(v -> audit.security(userId, "email_change_requested", ip, new JsonObject()
        .put("method", currentPassword != null ? "password" : "sms_code")));
  }

  private Future<Void> tooSoon(long userId, Instant now) {
    return emails.pendingCreatedAt(userId).compose(created -> {
      long wait = created.map(c -> config.resendSeconds() - Duration.between(c, now).getSeconds()).orElse(1L);
      return Future.failedFuture(AppException.retryAfter(ErrorCode.EMAIL_RATE_LIMITED,
        "A verification email was sent moments ago; try again later.", Math.max(1, wait)));
    });
  }

  /**
   * Consumes the code: the pending address becomes the account's verified email. Fails with
   * {@code code_invalid} (wrong, or nothing pending), {@code code_expired},
   * {@code code_attempts_exceeded} or {@code email_taken}. A wrong code is counted even though the
   * request fails (the count commits, the change does not happen).
   */
  public Future<String> verify(long userId, String code, String ip) {
    Instant now = clock.instant();
    return emails.pool().withTransaction(tx -> emails.lockPending(tx, userId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Verdict.of(Outcome.INVALID));
      }
      Row r = found.get();
      if (!now.isBefore(r.getOffsetDateTime("expires_at").toInstant())) {
        return Future.succeededFuture(Verdict.of(Outcome.EXPIRED));
      }
      if (r.getInteger("attempts") >= config.maxAttempts()) {
        return Future.succeededFuture(Verdict.of(Outcome.EXHAUSTED));
      }
      String address = r.getString("email");
      if (!matches(r.getString("code_hash"), hash(userId, address, code))) {
        return emails.countWrong(tx, userId).map(v -> Verdict.of(r.getInteger("attempts") + 1 >= config.maxAttempts()
          ? Outcome.EXHAUSTED : Outcome.INVALID));
      }
      return emails.setVerified(tx, userId, address, now).compose(v -> emails.deletePending(tx, userId))
        .map(new Verdict(Outcome.OK, address));
    })).recover(EmailService::taken).compose(verdict -> verdict.outcome() == Outcome.OK
      ? audit.security(userId, "email_verified", ip, new JsonObject()).map(verdict.address())
      : Future.failedFuture(failure(verdict.outcome())));
  }

  private static AppException failure(Outcome outcome) {
    return switch (outcome) {
      case EXPIRED -> AppException.of(ErrorCode.CODE_EXPIRED, "The code has expired; ask for a new one.");
      case EXHAUSTED -> AppException.of(ErrorCode.CODE_ATTEMPTS_EXCEEDED, "Too many wrong codes; ask for a new one.");
      default -> AppException.of(ErrorCode.CODE_INVALID, "The code is not valid.");
    };
  }

  private static <T> Future<T> taken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(AppException.of(ErrorCode.EMAIL_TAKEN,
        "This email address is already the verified email of another account."));
    }
    return Future.failedFuture(e);
  }

  private String hash(long userId, String address, String code) {
    return crypto.indexKeyPart("email-code", userId + "|" + address + "|" + code);
  }

  private static boolean matches(String stored, String candidate) {
    return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
  }
}
