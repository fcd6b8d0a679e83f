package io.liveroom.account;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts' personal data for the privacy flows: the profile, the contact data (the user's own
 * phone and email, unmasked: it is their export), the identity record (masked only: the export is
 * a file that travels, the full ID number stays with us), the guardian consents, and every session
 * with its device. Erasure anonymizes the profile row (the id stays, for ledger retention and
 * content already anonymized) and deletes phone, email, password, identity, guardian record and
 * sessions with their refresh tokens; the freed phone blind index lets the number register again.
 */
public final class AccountPersonalData implements PersonalDataSource {
  private final UserRepository users;
  private final IdentityRepository identities;
  private final GuardianConsentRepository guardians;
  private final SessionRepository sessions;
  private final RedisAPI redis;
  private final FieldCrypto crypto;
  private final RedisSessionGate gate;

  AccountPersonalData(Pool pool, RedisAPI redis, FieldCrypto crypto, RedisSessionGate gate) {
    this.users = new UserRepository(pool);
    this.identities = new IdentityRepository(pool);
    this.guardians = new GuardianConsentRepository(pool);
    this.sessions = new SessionRepository(pool);
    this.redis = redis;
    this.crypto = crypto;
    this.gate = gate;
  }

  @Override
  public List<String> categories() {
    return List.of("profile", "contact", "identity", "guardianConsent", "sessions");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return users.exportProfile(userId).compose(found -> {
      Row r = found.orElse(null);
      return out.object("profile", r == null ? null : profile(r))
        .compose(v -> out.object("contact", r == null ? null : new JsonObject().put("phone", phone(r, userId))
          .put("email", r.getString("email")).put("emailVerifiedAt", iso(r.getOffsetDateTime("email_verified_at")))));
    })
      .compose(v -> identities.maskedRow(userId))
      .compose(found -> out.object("identity", found.map(AccountPersonalData::identity).orElse(null)))
      .compose(v -> guardians.records(userId))
      .compose(records -> out.object("guardianConsent", guardianConsent(records)))
      .compose(v -> sessions.exportAll(out, "sessions", userId, r -> new JsonObject()
        .put("id", r.getUUID("id").toString()).put("device", r.getString("device_name"))
        .put("userAgent", r.getString("user_agent")).put("ip", r.getString("ip"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at"))).put("lastUsedAt", iso(r.getOffsetDateTime("last_used_at")))
        .put("expiresAt", iso(r.getOffsetDateTime("expires_at"))).put("revokedAt", iso(r.getOffsetDateTime("revoked_at")))
        .put("revokeReason", r.getString("revoke_reason"))));
  }

  /**
   * The latest account consent's relation and time (null when none), and every record: purpose,
   * relation, when recorded and withdrawn. The evidence reference stays with support.
   */
  private static JsonObject guardianConsent(List<Row> records) {
    if (records.isEmpty()) {
      return null;
    }
    JsonObject out = new JsonObject();
    JsonArray all = new JsonArray();
    for (Row r : records) {
      JsonObject one = new JsonObject().put("purpose", r.getString("purpose")).put("relation", r.getString("relation"))
        .put("recordedAt", iso(r.getOffsetDateTime("recorded_at"))).put("withdrawnAt", iso(r.getOffsetDateTime("withdrawn_at")));
      all.add(one);
      if (GuardianPurpose.ACCOUNT.wire().equals(one.getString("purpose"))) {
        out.put("relation", one.getString("relation")).put("recordedAt", one.getString("recordedAt"));
      }
    }
    return out.put("records", all);
  }

  private static JsonObject identity(Row r) {
    return new JsonObject().put("name", r.getString("name_masked")).put("idNumber", r.getString("number_masked"))
      .put("provider", r.getString("provider")).put("verifiedAt", iso(r.getOffsetDateTime("verified_at")));
  }

  private static JsonObject profile(Row r) {
    return new JsonObject().put("nickname", r.getString("nickname")).put("avatarUrl", r.getString("avatar_url"))
      .put("gender", r.getString("gender")).put("bio", r.getString("bio"))
      .put("birthDate", r.getLocalDate("birth_date") == null ? null : r.getLocalDate("birth_date").toString())
      .put("role", r.getString("role")).put("status", r.getString("status"))
      .put("identityVerified", r.getBoolean("identity_verified")).put("policyVersion", r.getString("policy_version"))
      .put("policyAcceptedAt", iso(r.getOffsetDateTime("policy_accepted_at")))
      .put("createdAt", iso(r.getOffsetDateTime("created_at")));
  }

  private String phone(Row r, long userId) {
    Buffer sealed = r.getBuffer("phone_enc");
    return sealed == null ? null : crypto.decrypt(r.getString("phone_key_id"), sealed.getBytes(), userId);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return users.phone(tx, userId).compose(found -> {
      String phone = found.map(r -> phone(r, userId)).orElse(null);
      return sessions.deleteAll(tx, userId)
        .compose(x -> identities.deleteIdentity(tx, userId))
        .compose(x -> guardians.deleteAll(tx, userId))
        .compose(x -> users.anonymize(tx, userId))
        .compose(x -> phone == null ? Future.succeededFuture() : purgePhoneKeys(phone))
        .compose(x -> gate.markDisabled(userId, "cancelled"));
    });
  }

  /** Redis keys derived from the phone (code, cooldown, daily count, failed logins); idempotent. */
  private Future<Void> purgePhoneKeys(String phone) {
    String key = crypto.indexKeyPart("phone", phone);
    List<String> keys = new ArrayList<>(List.of("acct:sms:cool:" + key, "acct:sms:day:" + key,
      "acct:loginfail:phone:" + key));
    for (SmsPurpose p : SmsPurpose.values()) {
      keys.add("acct:sms:code:" + p.wire() + ":" + key);
    }
    return redis.del(keys).mapEmpty();
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
