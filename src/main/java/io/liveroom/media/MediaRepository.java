package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code media_objects} and {@code media_refs}. */
final class MediaRepository {
  static final String COLUMNS = "id, owner_id, purpose, visibility, moderation, source_type, content_type, width, "
    + "height, bytes, created_at, frozen";
  private static final String INSERT = """
    INSERT INTO media_objects (id, owner_id, purpose, visibility, moderation, source_type, content_type, width, height,
                               bytes, created_at, unreferenced_since)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)""";
  private static final String FIND = "SELECT " + COLUMNS + " FROM media_objects WHERE id = $1";
  private static final String MINE = "SELECT " + COLUMNS
    + " FROM media_objects WHERE owner_id = $1 ORDER BY created_at DESC, id LIMIT $2";
  private static final String SET_STATE = "UPDATE media_objects SET visibility = $2, moderation = $3 WHERE id = $1";
  // Data-modifying CTEs share one snapshot: the NOT EXISTS still sees the rows being deleted, so it
  // leaves out the reference being replaced.
  private static final String ATTACH = """
    WITH dropped AS (DELETE FROM media_refs WHERE ref_kind = $2 AND ref_id = $3 AND media_id <> $1 RETURNING media_id),
         added AS (INSERT INTO media_refs (media_id, ref_kind, ref_id, created_at) VALUES ($1, $2, $3, $4)
                   ON CONFLICT DO NOTHING RETURNING media_id),
         used AS (UPDATE media_objects SET unreferenced_since = NULL WHERE id = $1 RETURNING id)
    UPDATE media_objects m SET unreferenced_since = $4
    WHERE m.id IN (SELECT media_id FROM dropped)
      AND NOT EXISTS (SELECT 1 FROM media_refs r WHERE r.media_id = m.id AND NOT (r.ref_kind = $2 AND r.ref_id = $3))""";
  private static final String DETACH = """
    WITH dropped AS (DELETE FROM media_refs WHERE ref_kind = $1 AND ref_id = $2 RETURNING media_id)
    UPDATE media_objects m SET unreferenced_since = $3
    WHERE m.id IN (SELECT media_id FROM dropped)
      AND NOT EXISTS (SELECT 1 FROM media_refs r WHERE r.media_id = m.id AND NOT (r.ref_kind = $1 AND r.ref_id = $2))""";
  private static final String REFERENCED_BY = "SELECT ref_kind, ref_id FROM media_refs WHERE media_id = $1 ORDER BY ref_kind, ref_id";
  private static final String SWEEP = """
    DELETE FROM media_objects WHERE id IN (
      SELECT o.id FROM media_objects o
      WHERE o.unreferenced_since < $1 AND NOT EXISTS (SELECT 1 FROM media_refs r WHERE r.media_id = o.id)
      ORDER BY o.unreferenced_since LIMIT $2 FOR UPDATE SKIP LOCKED)
    RETURNING id""";
  private static final String DELETE_ONE = """
    DELETE FROM media_objects o WHERE o.id = $1 AND o.owner_id = $2
      AND NOT EXISTS (SELECT 1 FROM media_refs r WHERE r.media_id = o.id)
    RETURNING id""";
  private static final String ERASE = "DELETE FROM media_objects WHERE owner_id = $1 RETURNING id";
  private static final String FREEZE = "UPDATE media_objects SET frozen = $2 WHERE owner_id = $1";
  static final String EXPORT = "SELECT " + COLUMNS + " FROM media_objects WHERE owner_id = $1 ORDER BY created_at, id";

  private final Pool pool;

  MediaRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Void> insert(MediaObject m) {
    return pool.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(m.id()).addLong(m.ownerId()).addString(m.purpose())
        .addString(m.visibility()).addString(m.moderation()).addString(m.sourceType()).addString(m.contentType())
        .addInteger(m.width()).addInteger(m.height()).addLong(m.bytes()).addOffsetDateTime(utc(m.createdAt())))
      .mapEmpty();
  }

  Future<Optional<MediaObject>> find(UUID id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(MediaObject.from(rows.iterator().next())));
  }

  Future<List<MediaObject>> mine(long ownerId, int limit) {
    return pool.preparedQuery(MINE).execute(Tuple.of(ownerId, limit)).map(rows -> {
      List<MediaObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(MediaObject.from(r)));
      return list;
    });
  }

  Future<Void> setState(UUID id, String visibility, String moderation) {
    return pool.preparedQuery(SET_STATE).execute(Tuple.of(id, visibility, moderation)).mapEmpty();
  }

  Future<Void> attach(UUID id, String kind, String refId, Instant now) {
    return pool.preparedQuery(ATTACH).execute(Tuple.of(id, kind, refId, utc(now))).mapEmpty();
  }

  Future<Void> detach(String kind, String refId, Instant now) {
    return pool.preparedQuery(DETACH).execute(Tuple.of(kind, refId, utc(now))).mapEmpty();
  }

  Future<List<String>> referencedBy(UUID id) {
    return pool.preparedQuery(REFERENCED_BY).execute(Tuple.of(id)).map(rows -> {
      List<String> refs = new ArrayList<>();
      rows.forEach(r -> refs.add(r.getString("ref_kind") + "/" + r.getString("ref_id")));
      return refs;
    });
  }

  /** Deletes up to {@code limit} rows of objects unreferenced since before {@code cutoff}, in {@code tx}; their ids. */
  Future<List<UUID>> sweep(SqlConnection tx, Instant cutoff, int limit) {
    return tx.preparedQuery(SWEEP).execute(Tuple.of(utc(cutoff), limit)).map(MediaRepository::ids);
  }

  /** Deletes the row of an unreferenced picture of {@code ownerId}'s; false when it is referenced or gone. */
  Future<Boolean> deleteOne(UUID id, long ownerId) {
    return pool.preparedQuery(DELETE_ONE).execute(Tuple.of(id, ownerId)).map(rows -> rows.rowCount() == 1);
  }

  /** Deletes every row of {@code ownerId}'s objects in {@code tx}; their ids. */
  Future<List<UUID>> erase(SqlClient tx, long ownerId) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(ownerId)).map(MediaRepository::ids);
  }

  Future<Void> freeze(long ownerId, boolean frozen) {
    return pool.preparedQuery(FREEZE).execute(Tuple.of(ownerId, frozen)).mapEmpty();
  }

  private static List<UUID> ids(Iterable<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.getUUID("id")));
    return ids;
  }

  private static java.time.OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
