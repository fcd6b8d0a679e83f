package io.liveroom.account;

import io.liveroom.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Login with a verified email and the password, when {@code accounts.email.login} is on. It is the
 * password login of {@link AccountService#passwordLogin}, throttled on the account's phone key when
 * it has a phone (so guessing by email and by phone share one count) and on the address otherwise
 * (an unknown address is throttled and answered exactly like a wrong password). Unverified
 * addresses never log in.
 */
final class EmailLogin {
  private final EmailRepository emails;
  private final AccountService accounts;
  private final FieldCrypto crypto;

  EmailLogin(EmailRepository emails, AccountService accounts, FieldCrypto crypto) {
    this.emails = emails;
    this.accounts = accounts;
    this.crypto = crypto;
  }

  Future<AccountService.AuthResult> login(String email, String password, DeviceInfo device) {
    String address = email.toLowerCase(Locale.ROOT);
    return emails.credentialsByEmail(address).compose(found -> {
      String key = found.map(EmailLogin::accountKey).orElseGet(() -> "email-" + crypto.indexKeyPart("email", address));
      Optional<UserRepository.Credentials> credentials = found.map(r -> new UserRepository.Credentials(r.getLong("id"),
        r.getString("password_hash"), r.getString("status"), Role.fromWire(r.getString("role"))));
      return accounts.passwordLogin(key, () -> Future.succeededFuture(credentials), password, "email_password", device);
    });
  }

  /** The phone's throttle key ({@link FieldCrypto#indexKeyPart} of the stored blind index), or the user's. */
  private static String accountKey(Row r) {
    Buffer idx = r.getBuffer("phone_idx");
    return idx == null ? "user-" + r.getLong("id") : HexFormat.of().formatHex(idx.getBytes(0, 16));
  }
}
