package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The user's own profile (everything, phone masked), the public view others see (nickname, avatar,
 * verified; never phone, email or birth date), and phone changes proven by a code sent to the new
 * number.
 */
public final class ProfileService {
  private final UserRepository users;
  private final IdentityRepository identities;
  private final UserDirectory directory;
  private final SmsCodeService codes;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final Clock clock;

  public ProfileService(UserRepository users, IdentityRepository identities, UserDirectory directory,
                        SmsCodeService codes, FieldCrypto crypto, AuditLog audit, Clock clock) {
    this.users = users;
    this.identities = identities;
    this.directory = directory;
    this.codes = codes;
    this.crypto = crypto;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<JsonObject> me(long userId) {
    return users.account(userId).compose(row -> row.isEmpty()
        ? Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such user."))
        : identities.masked(userId).map(identity -> meJson(row.get(), identity.orElse(null))));
  }

  public Future<JsonObject> update(long userId, ProfilePatch patch) {
    return users.updateProfile(userId, patch).compose(v -> me(userId));
  }

  public Future<JsonObject> publicView(long userId) {
    return directory.find(userId).map(u -> {
      if ("cancelled".equals(u.status())) {
        throw AppException.of(ErrorCode.NOT_FOUND, "No such user.");
      }
      return new JsonObject().put("id", u.id()).put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl())
        .put("identityVerified", u.identityVerified());
    });
  }

  /** Moves the account to a new number once the code sent to that number is proven. */
  public Future<Void> changePhone(long userId, String phone, String code, String ip) {
    return codes.verify(phone, SmsPurpose.CHANGE_PHONE, code)
      .compose(v -> users.setPhone(userId, crypto.encrypt(phone, userId), crypto.index("phone", phone)))
      .recover(AccountService::phoneTaken)
      .compose(v -> audit.security(userId, "phone_changed", ip, new JsonObject()));
  }

  private JsonObject meJson(Row r, JsonObject identity) {
    long id = r.getLong("id");
    LocalDate birth = r.getLocalDate("birth_date");
    String phone = r.getBuffer("phone_enc") == null ? null
      : PhoneNumbers.mask(crypto.decrypt(r.getString("phone_key_id"), r.getBuffer("phone_enc").getBytes(), id));
    UserSummary summary = PgUserDirectory.toSummary(r);
    return summaryJson(summary, LocalDate.now(clock))
      .put("phone", phone).put("gender", r.getString("gender")).put("bio", r.getString("bio"))
      .put("email", r.getString("email")).put("birthDate", birth == null ? null : birth.toString())
      .put("policyVersion", r.getString("policy_version")).put("identity", identity)
      .put("createdAt", SessionRepository.iso(r.getOffsetDateTime("created_at")));
  }

  /** The user object of auth answers: what the app needs right after login. */
  static JsonObject summaryJson(UserSummary u, LocalDate today) {
    return new JsonObject().put("id", u.id()).put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl())
      .put("role", u.role().wire()).put("status", u.status()).put("identityVerified", u.identityVerified())
      .put("minor", u.minorOn(today));
  }
}
