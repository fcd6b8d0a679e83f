package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Proof that the person holding a session is the account owner, for irreversible requests
 * (cancellation): the account's password, or an SMS code for {@code cancel_account} sent to its
 * phone. Failures are {@code invalid_credentials} (wrong password) or the code errors; both are
 * audit-logged by the caller.
 */
public final class Reauthentication {
  static final String CREDENTIALS = "SELECT password_hash, phone_enc, phone_key_id FROM users WHERE id = $1";

  private final Pool pool;
  private final PasswordHasher hasher;
  private final SmsCodeService codes;
  private final FieldCrypto crypto;

  Reauthentication(Pool pool, PasswordHasher hasher, SmsCodeService codes, FieldCrypto crypto) {
    this.pool = pool;
    this.hasher = hasher;
    this.codes = codes;
    this.crypto = crypto;
  }

  /** Exactly one of {@code password} and {@code code} is expected (the routes validate that). */
  public Future<Void> verify(long userId, String password, String code) {
    return pool.preparedQuery(CREDENTIALS).execute(Tuple.of(userId)).compose(rows -> {
      Row r = rows.size() == 0 ? null : rows.iterator().next();
      if (password != null) {
        return hasher.verify(password, r == null ? null : r.getString("password_hash"))
          .compose(ok -> ok ? Future.<Void>succeededFuture() : Future.failedFuture(
            AppException.of(ErrorCode.INVALID_CREDENTIALS, "The password is wrong.")));
      }
      Buffer sealed = r == null ? null : r.getBuffer("phone_enc");
      if (sealed == null) {
        return Future.failedFuture(AppException.of(ErrorCode.CODE_INVALID, "The code is not valid."));
      }
      String phone = crypto.decrypt(r.getString("phone_key_id"), sealed.getBytes(), userId);
      return codes.verify(phone, SmsPurpose.CANCEL_ACCOUNT, code);
    });
  }
}
