package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * Proof that the person holding a session is the account owner, for requests a stolen access token
 * must not be enough for (cancellation, phone change): the account's password, or an SMS code for
 * the request's purpose sent to the account's current phone.
 *
 * <p>Every attempt goes through the login throttle, on the same per-account counter as login (the
 * phone's blind index) and per IP: it is reserved before the password or code is checked, so a
 * token holder gets no more guesses than a stranger at the login form, and once throttled the
 * right password is refused too. Every failure (wrong password or code, throttled, busy) is written
 * to the audit log as {@code reauth_failed} with the purpose, the method and the error code.
 */
public final class Reauthentication {
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final SmsCodeService codes;
  private final FieldCrypto crypto;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  Reauthentication(UserRepository users, PasswordHasher hasher, SmsCodeService codes, FieldCrypto crypto,
                   LoginThrottle throttle, AuditLog audit) {
    this.users = users;
    this.hasher = hasher;
    this.codes = codes;
    this.crypto = crypto;
    this.throttle = throttle;
    this.audit = audit;
  }

  /**
   * Exactly one of {@code password} and {@code code} is expected (the routes validate that); a code
   * must have been sent for {@code purpose} to the account's current phone. Fails with
   * {@code invalid_credentials}, the code errors, {@code login_throttled} or {@code busy}.
   */
  public Future<Void> verify(long userId, String password, String code, SmsPurpose purpose, String ip) {
    String method = password != null ? "password" : "sms_code";
    return users.reauthCredentials(userId).compose(found -> {
      Row r = found.orElse(null);
      String phone = currentPhone(r, userId);
      String accountKey = phone == null ? "user-" + userId : crypto.indexKeyPart("phone", phone);
      return throttle.guard(accountKey, ip, () -> password != null ? checkPassword(r, password)
        : checkCode(phone, purpose, code));
    }).recover(e -> audit.security(userId, "reauth_failed", ip, new JsonObject().put("purpose", purpose.wire())
        .put("method", method).put("reason", e instanceof AppException a ? a.code().code() : "internal"))
      .compose(v -> Future.failedFuture(e)));
  }

  private Future<Void> checkPassword(Row r, String password) {
    return hasher.verify(password, r == null ? null : r.getString("password_hash"))
      .compose(ok -> ok ? Future.<Void>succeededFuture() : Future.failedFuture(
        AppException.of(ErrorCode.INVALID_CREDENTIALS, "The password is wrong.")));
  }

  private Future<Void> checkCode(String phone, SmsPurpose purpose, String code) {
    return phone == null ? Future.failedFuture(AppException.of(ErrorCode.CODE_INVALID, "The code is not valid."))
      : codes.verify(phone, purpose, code);
  }

  private String currentPhone(Row r, long userId) {
    Buffer sealed = r == null ? null : r.getBuffer("phone_enc");
    return sealed == null ? null : crypto.decrypt(r.getString("phone_key_id"), sealed.getBytes(), userId);
  }
}
