package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * Carrier one-click login: the token from the carrier's SDK is exchanged for the phone number, and
 * that phone then logs in, or registers, exactly as a phone proven by an SMS code does
 * ({@link AccountService#loginProven}, {@link AccountService#registerProven}): the same login
 * throttle on the phone and the IP, the same policy acceptance, minors and admin rules, the same
 * audit ({@code method: one_click}).
 *
 * <p>Before the exchange the phone is unknown, so the exchange itself is reserved in the login
 * throttle on the caller's IP (and on the token, which is single use): an invalid token counts as a
 * failed attempt from that IP, a gateway that did not answer gives the reservation back.
 */
public final class OneClickService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Supplier<Future<Void>> EXCHANGED = Future::succeededFuture;

  private final OneClickProvider provider;
  private final AccountService accounts;
  private final UserRepository users;
  private final LoginThrottle throttle;
  private final FieldCrypto crypto;
  private final AuditLog audit;

  /** A validated one-click request; nickname and birth date are used only when the phone is new. */
  public record Request(String token, String policyVersion, String nickname, LocalDate birthDate) {
  }

  /** {@code registered}: the phone had no account and one was created. */
  public record Outcome(AccountService.AuthResult result, boolean registered) {
  }

  OneClickService(OneClickProvider provider, AccountService accounts, UserRepository users, LoginThrottle throttle,
                  FieldCrypto crypto, AuditLog audit) {
    this.provider = provider;
    this.accounts = accounts;
    this.users = users;
    this.throttle = throttle;
    this.crypto = crypto;
    this.audit = audit;
  }

  public Future<Outcome> signIn(Request r, DeviceInfo device) {
    String tokenKey = "one-click-" + crypto.indexKeyPart("one-click-token", r.token());
    return throttle.reserve(tokenKey, device.ip())
      .compose(v -> provider.phoneFor(r.token()).transform(ar -> settle(ar, tokenKey, device)))
      .compose(phone -> users.credentialsByPhone(crypto.index("phone", phone)).compose(found -> found.isPresent()
        ? login(phone, device) : register(phone, r, device)));
  }

  private Future<Outcome> login(String phone, DeviceInfo device) {
    return accounts.loginProven(phone, EXCHANGED, "one_click", device).map(a -> new Outcome(a, false));
  }

  /** A concurrent registration of the same phone won: this one logs in instead. */
  private Future<Outcome> register(String phone, Request r, DeviceInfo device) {
    String nickname = r.nickname() != null ? r.nickname() : "user" + (100_000 + RANDOM.nextInt(900_000));
    return accounts.registerProven(new AccountService.Registration(phone, null, null, nickname, r.birthDate(), null,
        r.policyVersion()), EXCHANGED, "one_click", device)
      .map(a -> new Outcome(a, true))
      .recover(e -> e instanceof AppException a && a.code() == ErrorCode.PHONE_TAKEN ? login(phone, device)
        : Future.failedFuture(e));
  }

  /**
   * A proven token releases the IP's reservation (the phone's own guard follows); a refused token
   * keeps it and is audited as a failed login; a gateway that failed verified nothing, so both
   * reservations are returned.
   */
  private Future<String> settle(AsyncResult<String> ar, String tokenKey, DeviceInfo device) {
    if (ar.succeeded()) {
      return throttle.succeeded(tokenKey, device.ip()).map(ar.result());
    }
    ErrorCode code = ar.cause() instanceof AppException a ? a.code() : ErrorCode.INTERNAL;
    Future<Void> account = code == ErrorCode.ONE_CLICK_TOKEN_INVALID
      ? audit.write(null, null, "login_failed", null, null, device.ip(), new JsonObject().put("method", "one_click")
        .put("provider", provider.name()).put("reason", code.code()))
      : throttle.unused(tokenKey, device.ip());
    return account.compose(v -> Future.failedFuture(ar.cause()));
  }
}
