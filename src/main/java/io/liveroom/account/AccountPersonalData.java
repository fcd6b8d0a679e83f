package io.liveroom.account;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts' personal data for the privacy flows: the profile, the contact data (the user's own
 * phone and email, unmasked: it is their export), the identity record (masked only: the export is
 * a file that travels, the full ID number stays with us), the guardian consent, and every session
 * with its device. Erasure anonymizes the profile row (the id stays, for ledger retention and
 * content already anonymized) and deletes phone, email, password, identity, guardian record and
 * sessions with their refresh tokens; the freed phone blind index lets the number register again.
 */
public final class AccountPersonalData implements PersonalDataSource {
  static final String PROFILE = """
    SELECT nickname, avatar_url, gender, bio, birth_date, role, status, identity_verified, policy_version,
           policy_accepted_at, created_at, email, phone_enc, phone_key_id FROM users WHERE id = $1""";
  static final String IDENTITY = """
    SELECT name_masked, number_masked, provider, verified_at FROM user_identities WHERE user_id = $1""";
  static final String GUARDIAN = "SELECT relation, recorded_at FROM guardian_consents WHERE user_id = $1";
  static final String SESSIONS = """
    SELECT id, device_name, user_agent, ip, created_at, last_used_at, expires_at, revoked_at, revoke_reason
    FROM sessions WHERE user_id = $1 ORDER BY created_at""";
  static final String PHONE = "SELECT phone_enc, phone_key_id FROM users WHERE id = $1";
  static final String ANONYMIZE = """
    UPDATE users SET nickname = 'Cancelled user', avatar_url = NULL, gender = NULL, bio = NULL, birth_date = NULL,
                     email = NULL, phone_enc = NULL, phone_key_id = NULL, phone_idx = NULL, password_hash = NULL,
                     identity_verified = false, policy_version = NULL, policy_accepted_at = NULL,
                     status = 'cancelled', updated_at = now()
    WHERE id = $1""";
  static final String DELETE_IDENTITY = "DELETE FROM user_identities WHERE user_id = $1";
  static final String DELETE_GUARDIAN = "DELETE FROM guardian_consents WHERE user_id = $1";
  static final String DELETE_SESSIONS = "DELETE FROM sessions WHERE user_id = $1";

  private final Pool pool;
  private final RedisAPI redis;
  private final FieldCrypto crypto;
  private final RedisSessionGate gate;

  AccountPersonalData(Pool pool, RedisAPI redis, FieldCrypto crypto, RedisSessionGate gate) {
    this.pool = pool;
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
    return pool.preparedQuery(PROFILE).execute(Tuple.of(userId)).compose(rows -> {
      Row r = rows.size() == 0 ? null : rows.iterator().next();
      return out.object("profile", r == null ? null : profile(r))
        .compose(v -> out.object("contact", r == null ? null : new JsonObject().put("phone", phone(r, userId))
          .put("email", r.getString("email"))));
    })
      .compose(v -> single(IDENTITY, userId, r -> new JsonObject().put("name", r.getString("name_masked"))
        .put("idNumber", r.getString("number_masked")).put("provider", r.getString("provider"))
        .put("verifiedAt", iso(r.getOffsetDateTime("verified_at")))).compose(j -> out.object("identity", j)))
      .compose(v -> single(GUARDIAN, userId, r -> new JsonObject().put("relation", r.getString("relation"))
        .put("recordedAt", iso(r.getOffsetDateTime("recorded_at")))).compose(j -> out.object("guardianConsent", j)))
      .compose(v -> out.query(pool, "sessions", SESSIONS, Tuple.of(userId), r -> new JsonObject()
        .put("id", r.getUUID("id").toString()).put("device", r.getString("device_name"))
        .put("userAgent", r.getString("user_agent")).put("ip", r.getString("ip"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at"))).put("lastUsedAt", iso(r.getOffsetDateTime("last_used_at")))
        .put("expiresAt", iso(r.getOffsetDateTime("expires_at"))).put("revokedAt", iso(r.getOffsetDateTime("revoked_at")))
        .put("revokeReason", r.getString("revoke_reason"))));
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

  private Future<JsonObject> single(String sql, long userId, java.util.function.Function<Row, JsonObject> map) {
    return pool.preparedQuery(sql).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? null : map.apply(rows.iterator().next()));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return tx.preparedQuery(PHONE).execute(Tuple.of(userId)).compose(rows -> {
      Row r = rows.size() == 0 ? null : rows.iterator().next();
      String phone = r == null ? null : phone(r, userId);
      Tuple id = Tuple.of(userId);
      return tx.preparedQuery(DELETE_SESSIONS).execute(id)
        .compose(x -> tx.preparedQuery(DELETE_IDENTITY).execute(id))
        .compose(x -> tx.preparedQuery(DELETE_GUARDIAN).execute(id))
        .compose(x -> tx.preparedQuery(ANONYMIZE).execute(id))
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
