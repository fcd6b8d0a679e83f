package io.liveroom.account;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user's own profile (everything, phone masked), the public view others see (nickname, avatar,
 * verified; never phone, email or birth date), and phone changes.
 *
 * <p>A phone change is an account-takeover path (whoever holds the phone can reset the password),
 * so a valid access token is not enough: the caller re-authenticates first ({@link Reauthentication}:
 * the password, or a code sent to the current number), then proves the new number with its code.
 * Afterwards every other session ends, the old number is told by SMS, and the change is audited.
 */
public final class ProfileService {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileService.class);

  private final UserRepository users;
  private volatile AvatarPictures avatars = AvatarPictures.NONE;
  private final IdentityRepository identities;
  private final UserDirectory directory;
  private final SmsCodeService codes;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final Clock clock;
  private final PhoneChange phoneChange;
  private final List<ProfileSection> sections = new CopyOnWriteArrayList<>();

  /** What a phone change needs besides the profile's own collaborators. */
  public record PhoneChange(Reauthentication reauth, SessionService sessions, SmsSender sender) {
  }

  public ProfileService(UserRepository users, IdentityRepository identities, UserDirectory directory,
                        SmsCodeService codes, FieldCrypto crypto, AuditLog audit, Clock clock, PhoneChange phoneChange) {
    this.phoneChange = phoneChange;
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

  /**
   * A PATCH that may name an uploaded picture as the avatar ({@code avatarMediaId}): its public URL
   * becomes {@code avatarUrl}. Setting {@code avatarUrl} directly releases the uploaded one.
   */
  public Future<JsonObject> update(long userId, ProfilePatch patch, UUID avatarMediaId) {
    if (avatarMediaId != null) {
      return avatars.use(userId, avatarMediaId).compose(url -> update(userId, patch.withAvatar(url)));
    }
    Future<Void> released = patch.avatarUrlSet() ? avatars.release(userId) : Future.succeededFuture();
    return released.compose(v -> update(userId, patch));
  }

  /** Called once during wiring (the bootstrap's media adapter). */
  void useAvatarPictures(AvatarPictures avatars) {
    this.avatars = avatars;
  }

  /** Adds fields to every public profile (the bootstrap registers other capabilities' sections). */
  void addSection(ProfileSection section) {
    sections.add(section);
  }

  public Future<JsonObject> publicView(long viewerId, long userId) {
    return directory.find(userId).compose(u -> {
      if ("cancelled".equals(u.status())) {
        throw AppException.of(ErrorCode.NOT_FOUND, "No such user.");
      }
      JsonObject view = new JsonObject().put("id", u.id()).put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl())
        .put("identityVerified", u.identityVerified());
      Future<JsonObject> chain = Future.succeededFuture(view);
      for (ProfileSection section : sections) {
        chain = chain.compose(v -> section.describe(viewerId, userId).map(v::mergeIn));
      }
      return chain;
    });
  }

  /**
   * Moves the caller's account to {@code phone}: re-authentication with {@code currentPassword} or
   * {@code currentPhoneCode} (exactly one; purpose {@code confirm_phone_change}), then the new
   * number's {@code code} (purpose {@code change_phone}). The caller's session survives.
   */
  public Future<Void> changePhone(Principal caller, String phone, String code, String currentPassword,
                                  String currentPhoneCode, String ip) {
    long userId = caller.userId();
    return reauthenticate(userId, currentPassword, currentPhoneCode, ip)
      .compose(v -> users.account(userId))
      .compose(row -> codes.verify(phone, SmsPurpose.CHANGE_PHONE, code)
        .compose(v -> users.setPhone(userId, crypto.encrypt(phone, userId), crypto.index("phone", phone)))
        .recover(AccountService::phoneTaken)
        .map(v -> row.map(r -> currentPhone(r, userId)).orElse(null)))
      .compose(oldPhone -> endOtherSessions(caller, ip).compose(ended -> tellOldNumber(userId, oldPhone)
        .compose(told -> audit.security(userId, "phone_changed", ip, new JsonObject()
          .put("method", currentPassword != null ? "password" : "sms_code").put("otherSessionsEnded", ended)
          .put("oldNumberTold", told)))));
  }

  /**
   * The password or a code sent to the current number. An account with neither (created through a
   * sign-in provider) adds its first phone with the new number's code alone: there is no phone to
   * take over, and the provider proved the caller when the session was opened.
   */
  private Future<Void> reauthenticate(long userId, String password, String code, String ip) {
    if (password != null || code != null) {
      return phoneChange.reauth().verify(userId, password, code, SmsPurpose.CONFIRM_PHONE_CHANGE, ip);
    }
    return users.reauthCredentials(userId).compose(r -> r.isPresent() && r.get().getString("password_hash") == null
      && r.get().getBuffer("phone_enc") == null ? Future.<Void>succeededFuture()
      : Future.failedFuture(AppException.validation(List.of(new FieldError("currentPassword",
        "required", "Give either currentPassword or currentPhoneCode (an SMS code for purpose "
        + "confirm_phone_change sent to the current number).")))));
  }

  /** Whoever else held a session (the thief of a token, say) is signed out; the caller is not. */
  private Future<Integer> endOtherSessions(Principal caller, String ip) {
    return phoneChange.sessions().list(caller.userId(), caller.sessionId()).compose(active -> {
      List<Future<Boolean>> revoked = new ArrayList<>();
      for (int i = 0; i < active.size(); i++) {
        JsonObject s = active.getJsonObject(i);
        if (!s.getBoolean("current")) {
          revoked.add(phoneChange.sessions().revoke(caller.userId(), UUID.fromString(s.getString("id")),
            "phone_changed", ip));
        }
      }
      return Future.all(revoked).map(all -> (int) revoked.stream().filter(f -> f.result()).count());
    });
  }

  /** The change is done; a notice the gateway refuses is logged and recorded as not sent. */
  private Future<Boolean> tellOldNumber(long userId, String oldPhone) {
    if (oldPhone == null) {
      return Future.succeededFuture(false);
    }
    return phoneChange.sender().notify(oldPhone, SmsNotice.PHONE_CHANGED).map(true).recover(e -> {
      LOG.warn("User {} changed phone but the old number was not told: {}", userId, e.getMessage());
      return Future.succeededFuture(false);
    });
  }

  private String currentPhone(Row r, long userId) {
    return r.getBuffer("phone_enc") == null ? null
      : crypto.decrypt(r.getString("phone_key_id"), r.getBuffer("phone_enc").getBytes(), userId);
  }

  private JsonObject meJson(Row r, JsonObject identity) {
    long id = r.getLong("id");
    LocalDate birth = r.getLocalDate("birth_date");
    String current = currentPhone(r, id);
    String phone = current == null ? null : PhoneNumbers.mask(current);
    UserSummary summary = PgUserDirectory.toSummary(r);
    return summaryJson(summary, LocalDate.now(clock))
      .put("phone", phone).put("gender", r.getString("gender")).put("bio", r.getString("bio"))
      .put("email", r.getString("email")).put("emailVerified", r.getOffsetDateTime("email_verified_at") != null)
      .put("birthDate", birth == null ? null : birth.toString())
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
