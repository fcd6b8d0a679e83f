package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registration, login (password or SMS code) and password reset. Answers never tell whether a
 * phone is registered: an unknown phone and a wrong password give the same {@code
 * invalid_credentials} after the same Argon2 work, and are throttled alike. Only a caller who
 * proved they own the number with an SMS code learns more (e.g. {@code phone_taken}).
 */
public final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

  private final UserRepository users;
  private final SmsCodeService codes;
  private final PasswordHasher hasher;
  private final SessionService sessions;
  private final LoginThrottle throttle;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final Set<String> adminPhones;
  private final Minors minors;
  private volatile FrozenAccountLogin frozenLogin = userId -> Future.succeededFuture();

  /** A validated registration. */
  public record Registration(String phone, String code, String password, String nickname, LocalDate birthDate,
                             String email, String policyVersion) {
  }

  /** Tokens (null while the account awaits guardian consent) and the caller's user. */
  public record AuthResult(SessionService.Tokens tokens, long userId, String status) {
  }

  public AccountService(UserRepository users, SmsCodeService codes, PasswordHasher hasher, SessionService sessions,
                        LoginThrottle throttle, FieldCrypto crypto, AuditLog audit, Set<String> adminPhones,
                        Minors minors) {
    this.users = users;
    this.codes = codes;
    this.hasher = hasher;
    this.sessions = sessions;
    this.throttle = throttle;
    this.crypto = crypto;
    this.audit = audit;
    this.adminPhones = adminPhones;
    this.minors = minors;
  }

  public Future<AuthResult> register(Registration r, DeviceInfo device) {
    return registerProven(r, () -> codes.verify(r.phone(), SmsPurpose.REGISTER, r.code()), "sms_code", device);
  }

  /**
   * Registers the phone once {@code proof} shows the caller holds it: an SMS code, or a carrier's
   * one-click exchange ({@code method} says which, in the audit). Every way in shares this path:
   * policy acceptance, minors, admin phones, {@code phone_taken}, audit. A null password (one-click)
   * leaves the account without one until a password reset sets it.
   */
  Future<AuthResult> registerProven(Registration r, Supplier<Future<Void>> proof, String method, DeviceInfo device) {
    // Every minor waits for a guardian (policy section VI item 1); under 14 is also sensitive (PIPL Art. 28/31).
    boolean needsGuardian = minors.needsGuardian(r.birthDate());
    String status = needsGuardian ? "pending_guardian" : "active";
    Role role = adminPhones.contains(r.phone()) ? Role.ADMIN : Role.USER;
    return proof.get()
      .compose(v -> r.password() == null ? Future.<String>succeededFuture() : hasher.hash(r.password()))
      .compose(phc -> users.nextId().compose(id -> users.pool().withTransaction(tx -> users.insert(tx,
        new UserRepository.NewUser(id, r.nickname(), crypto.encrypt(r.phone(), id), crypto.index("phone", r.phone()),
          phc, r.email(), r.birthDate(), status, role, r.policyVersion()))).map(id)))
      .recover(AccountService::phoneTaken)
      .compose(id -> audit.security(id, "register", device.ip(), new JsonObject().put("policyVersion",
          r.policyVersion()).put("status", status).put("role", role.wire()).put("method", method)
          .put("minor", needsGuardian).put("sensitive", minors.sensitive(r.birthDate())))
        .compose(v -> {
          LOG.info("User {} registered ({}, role {}, by {})", id, status, role.wire(), method);
          return needsGuardian ? Future.succeededFuture(new AuthResult(null, id, status))
            : sessions.open(id, role, device).map(t -> new AuthResult(t, id, status));
        }));
  }

  /**
   * The attempt is reserved in the throttle before the password is checked, so parallel guesses
   * cannot outrun the count; a proven password releases it whatever the account's status.
   */
  public Future<AuthResult> loginWithPassword(String phone, String password, DeviceInfo device) {
    return passwordLogin(crypto.indexKeyPart("phone", phone), () -> users.credentialsByPhone(crypto.index("phone", phone)),
      password, "password", device);
  }

  /**
   * A password login of the account {@code lookup} finds (by phone, or by verified email), throttled
   * on {@code accountKey} (the phone's blind index for a known account, so every way of guessing
   * its password shares one count) and the caller's IP.
   */
  Future<AuthResult> passwordLogin(String accountKey, Supplier<Future<Optional<UserRepository.Credentials>>> lookup,
                                   String password, String method, DeviceInfo device) {
    return throttle.guard(accountKey, device.ip(), () -> lookup.get()
        .compose(found -> hasher.verify(password, found.map(UserRepository.Credentials::passwordHash).orElse(null))
          .compose(ok -> ok ? Future.succeededFuture(found.get())
            : failed(found.map(UserRepository.Credentials::id).orElse(null), accountKey, device))))
      .compose(c -> admit(c, method, device));
  }

  public Future<AuthResult> loginWithCode(String phone, String code, DeviceInfo device) {
    return loginProven(phone, () -> codes.verify(phone, SmsPurpose.LOGIN, code), "sms_code", device);
  }

  /**
   * Logs in the account of a phone once {@code proof} shows the caller holds it (an SMS code, a
   * carrier's one-click exchange): the same throttle, admission and audit for every proof.
   */
  Future<AuthResult> loginProven(String phone, Supplier<Future<Void>> proof, String method, DeviceInfo device) {
    String phoneKey = crypto.indexKeyPart("phone", phone);
    return throttle.guard(phoneKey, device.ip(), () -> proof.get()
        .compose(v -> users.credentialsByPhone(crypto.index("phone", phone)))
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : failed(null, phoneKey, device)))
      .compose(c -> admit(c, method, device));
  }

  private Future<AuthResult> admit(UserRepository.Credentials c, String method, DeviceInfo device) {
    if ("pending_guardian".equals(c.status())) {
      return Future.failedFuture(AppException.of(ErrorCode.GUARDIAN_CONSENT_REQUIRED,
        "A guardian's consent must be recorded before this account can be used."));
    }
    if ("frozen".equals(c.status())) {
      // Privacy explains a pending cancellation (and offers its withdrawal); other freezes fall through.
      return refused(c, device, frozenLogin.refuse(c.id()));
    }
    if (!"active".equals(c.status())) {
      return refused(c, device, Future.succeededFuture());
    }
    return sessions.open(c.id(), c.role(), device)
      .compose(t -> audit.security(c.id(), "login", device.ip(), new JsonObject().put("method", method)
        .put("sessionId", t.sessionId())).map(new AuthResult(t, c.id(), c.status())));
  }

  /** For {@link ExternalSignIn}: the same status rules, session and audit as a password login. */
  Future<AuthResult> admitExternal(UserRepository.Credentials c, String method, DeviceInfo device) {
    return admit(c, method, device);
  }

  /** Registration point for privacy: what a frozen account's correct login is told. */
  void onFrozenLogin(FrozenAccountLogin handler) {
    this.frozenLogin = handler;
  }

  /** {@code explanation} may fail with a more specific reason than {@code account_disabled}. */
  private Future<AuthResult> refused(UserRepository.Credentials c, DeviceInfo device, Future<Void> explanation) {
    return audit.security(c.id(), "login_refused", device.ip(), new JsonObject().put("status", c.status()))
      .compose(v -> explanation)
      .compose(v -> Future.failedFuture(AppException.of(ErrorCode.ACCOUNT_DISABLED, "This account cannot be used.")));
  }

  /** The attempt's reservation in the throttle is kept: it counts as a failure. */
  private <T> Future<T> failed(Long userId, String phoneKey, DeviceInfo device) {
    LOG.info("Login failed for {} from {}", userId == null ? "phone#" + phoneKey : "user " + userId, device.ip());
    return audit.write(null, userId, "login_failed", null, null, device.ip(), new JsonObject().put("phoneRef", phoneKey))
      .compose(v -> Future.failedFuture(AppException.of(ErrorCode.INVALID_CREDENTIALS,
        "The phone number or the password is wrong.")));
  }

  /** Sets a new password after an SMS code, and ends every session of the account. */
  public Future<Void> resetPassword(String phone, String code, String newPassword, String ip) {
    return codes.verify(phone, SmsPurpose.RESET_PASSWORD, code)
      .compose(v -> users.credentialsByPhone(crypto.index("phone", phone)))
      .compose(found -> found.isEmpty()
        ? Future.failedFuture(AppException.of(ErrorCode.INVALID_CREDENTIALS, "The phone number or the code is wrong."))
        : hasher.hash(newPassword).compose(phc -> users.setPassword(found.get().id(), phc)).map(found.get().id()))
      .compose(id -> users.pool().withTransaction(tx -> sessions.revokeAll(tx, id, "password_reset"))
        .compose(ids -> sessions.afterRevokeAll(id, ids))
        .compose(v -> audit.security(id, "password_reset", ip, new JsonObject())));
  }

  static <T> Future<T> phoneTaken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(AppException.of(ErrorCode.PHONE_TAKEN,
        "This phone number already has an account; log in or reset the password."));
    }
    return Future.failedFuture(e);
  }
}
