package io.liveroom.push;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code push_devices} table: device tokens per user, bound to the session that registered them. */
final class DeviceRepository {
  private static final String COLUMNS = "id, user_id, platform, provider, token, app_id, created_at, updated_at";
  /** A token names one app install: registering it again, by anyone, moves it to that user and session. */
  static final String UPSERT = """
    INSERT INTO push_devices (user_id, session_id, platform, provider, token, app_id)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, session_id = EXCLUDED.session_id,
      platform = EXCLUDED.platform, provider = EXCLUDED.provider, app_id = EXCLUDED.app_id, updated_at = now()
    RETURNING """ + " " + COLUMNS;
  /** Keeps the user's newest {@code $2} tokens (a phone re-registers on every app start). */
  static final String TRIM = """
    DELETE FROM push_devices WHERE user_id = $1 AND id NOT IN (
      SELECT id FROM push_devices WHERE user_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2)""";
  static final String LIST = "SELECT " + COLUMNS + " FROM push_devices WHERE user_id = $1 ORDER BY updated_at DESC, id DESC";
  /** The devices of many users at once (a going-live batch): one statement instead of one per user. */
  static final String LIST_OF = "SELECT " + COLUMNS + " FROM push_devices WHERE user_id = ANY($1::bigint[])";
  static final String DELETE_OWN = "DELETE FROM push_devices WHERE user_id = $1 AND (token = $2 OR id = $3)";
  static final String DELETE_SESSION = "DELETE FROM push_devices WHERE user_id = $1 AND session_id = $2";
  /** Only while the row still has the token the provider refused (it may have been registered again meanwhile: same token, still invalid). */
  static final String DELETE_INVALID = "DELETE FROM push_devices WHERE id = $1 AND token = $2";
  static final String ERASE = "DELETE FROM push_devices WHERE user_id = $1";
  static final String PURGE = """
    DELETE FROM push_devices WHERE id IN (SELECT id FROM push_devices WHERE updated_at < $1 LIMIT $2)""";
  static final String EXPORT = """
    SELECT platform, provider, token, app_id, created_at, updated_at FROM push_devices WHERE user_id = $1 ORDER BY id""";

  private final Pool pool;

  DeviceRepository(Pool pool) {
    this.pool = pool;
  }

  Future<PushDevice> register(long userId, UUID sessionId, String platform, String provider, String token,
                              String appId, int maxPerUser) {
    return pool.withTransaction(tx -> tx.preparedQuery(UPSERT)
      .execute(Tuple.of(userId, sessionId, platform, provider, token, appId))
      .compose(rows -> tx.preparedQuery(TRIM).execute(Tuple.of(userId, maxPerUser))
        .map(v -> PushDevice.from(rows.iterator().next()))));
  }

  Future<List<PushDevice>> list(long userId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId)).map(DeviceRepository::devices);
  }

  /** The devices of all of {@code userIds}, in no particular order. */
  Future<List<PushDevice>> listOf(List<Long> userIds) {
    return pool.preparedQuery(LIST_OF).execute(Tuple.of(userIds.toArray(new Long[0]))).map(DeviceRepository::devices);
  }

  /** Deletes the user's device named by its token or its id; true when one was deleted. */
  Future<Boolean> deleteOwn(long userId, String token, Long id) {
    return pool.preparedQuery(DELETE_OWN).execute(Tuple.of(userId, token, id)).map(rows -> rows.rowCount() > 0);
  }

  Future<Integer> deleteSession(long userId, UUID sessionId) {
    return pool.preparedQuery(DELETE_SESSION).execute(Tuple.of(userId, sessionId)).map(RowSet::rowCount);
  }

  Future<Boolean> deleteInvalid(PushDevice device) {
    return pool.preparedQuery(DELETE_INVALID).execute(Tuple.of(device.id(), device.token()))
      .map(rows -> rows.rowCount() > 0);
  }

  Future<Void> erase(SqlClient tx, long userId) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(userId)).mapEmpty();
  }

  Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), limit))
      .map(RowSet::rowCount);
  }

  Future<Void> export(long userId, ExportWriter out) {
    return out.query(pool, "pushDevices", EXPORT, Tuple.of(userId), r -> new JsonObject()
      .put("platform", r.getString("platform")).put("provider", r.getString("provider"))
      .put("token", r.getString("token")).put("appId", r.getString("app_id"))
      .put("registeredAt", r.getOffsetDateTime("created_at").toInstant().toString())
      .put("lastRegisteredAt", r.getOffsetDateTime("updated_at").toInstant().toString()));
  }

  private static List<PushDevice> devices(RowSet<Row> rows) {
    List<PushDevice> out = new ArrayList<>();
    rows.forEach(r -> out.add(PushDevice.from(r)));
    return out;
  }
}
