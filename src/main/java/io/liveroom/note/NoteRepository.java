package io.liveroom.note;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * SQL for notes. Every query is scoped to the owner, and a frozen note (cooling-off period) is
 * invisible to every query but the privacy flows'.
 */
final class NoteRepository {
  static final String COLUMNS = "id, user_id, source, title, body, source_conversation_id, source_message_id, "
    + "media_id, created_at, updated_at";
  /** Serializes one user's creations, so two concurrent ones cannot both pass the count. */
  static final String LOCK_USER = "SELECT pg_advisory_xact_lock(hashtextextended('notes:' || $1, 0))";
  static final String COUNT = "SELECT count(*) AS n FROM notes WHERE user_id = $1";
  static final String INSERT = """
    INSERT INTO notes (user_id, source, title, body, source_conversation_id, source_message_id)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING\s""" + COLUMNS;
  static final String SET_MEDIA = "UPDATE notes SET media_id = $2 WHERE id = $1 RETURNING " + COLUMNS;
  static final String PAGE = "SELECT " + COLUMNS
    + " FROM notes WHERE user_id = $1 AND NOT frozen AND id < $2 ORDER BY id DESC LIMIT $3";
  /** $2 has LIKE's wildcards escaped; lower() on both sides makes the match case-insensitive. */
  static final String SEARCH = "SELECT " + COLUMNS + """
     FROM notes WHERE user_id = $1 AND NOT frozen AND id < $3
      AND lower(title || ' ' || body) LIKE '%' || lower($2) || '%' ESCAPE '\\'
    ORDER BY id DESC LIMIT $4""";
  static final String FIND = "SELECT " + COLUMNS + " FROM notes WHERE id = $1 AND user_id = $2 AND NOT frozen";
  static final String UPDATE = """
    UPDATE notes SET title = COALESCE($3, title), body = COALESCE($4, body), updated_at = now()
    WHERE id = $1 AND user_id = $2 AND NOT frozen RETURNING\s""" + COLUMNS;
  static final String DELETE = "DELETE FROM notes WHERE id = $1 AND user_id = $2 AND NOT frozen RETURNING id";
  static final String EXPORT = "SELECT " + COLUMNS + " FROM notes WHERE user_id = $1 ORDER BY id";
  static final String FREEZE = "UPDATE notes SET frozen = $2 WHERE user_id = $1";
  static final String ERASE = "DELETE FROM notes WHERE user_id = $1";
  static final String PURGE = """
    DELETE FROM notes WHERE id IN (SELECT id FROM notes WHERE updated_at < $1 LIMIT $2) RETURNING id, media_id""";

  private final Pool pool;

  NoteRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Takes the user's creation lock for the rest of {@code tx}, then counts their notes. */
  Future<Long> lockAndCount(SqlConnection tx, long userId) {
    return tx.preparedQuery(LOCK_USER).execute(Tuple.of(Long.toString(userId)))
      .compose(v -> tx.preparedQuery(COUNT).execute(Tuple.of(userId)))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  Future<Note> insert(SqlClient tx, long userId, String source, String title, String body, Long conversationId,
                      Long messageId) {
    Tuple args = Tuple.of(userId, source, title, body, conversationId, messageId);
    return tx.preparedQuery(INSERT).execute(args).map(rows -> Note.from(rows.iterator().next()));
  }

  Future<Note> setMedia(SqlClient tx, long noteId, UUID mediaId) {
    return tx.preparedQuery(SET_MEDIA).execute(Tuple.of(noteId, mediaId)).map(rows -> Note.from(rows.iterator().next()));
  }

  /** Up to {@code limit} notes older than {@code before} (an id), newest first. */
  Future<List<Note>> page(long userId, long before, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(userId, before, limit)).map(NoteRepository::notes);
  }

  /** Like {@link #page}, only notes whose title or text contains {@code escaped} (a LIKE-escaped text). */
  Future<List<Note>> search(long userId, String escaped, long before, int limit) {
    return pool.preparedQuery(SEARCH).execute(Tuple.of(userId, escaped, before, limit)).map(NoteRepository::notes);
  }

  Future<Optional<Note>> find(long userId, long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id, userId)).map(NoteRepository::first);
  }

  /** A null title or body keeps it. */
  Future<Optional<Note>> update(long userId, long id, String title, String body) {
    return pool.preparedQuery(UPDATE).execute(Tuple.of(id, userId, title, body)).map(NoteRepository::first);
  }

  Future<Boolean> delete(long userId, long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, userId)).map(rows -> rows.size() > 0);
  }

  Future<Void> export(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, EXPORT, Tuple.of(userId), mapper);
  }

  Future<Void> freeze(long userId, boolean frozen) {
    return pool.preparedQuery(FREEZE).execute(Tuple.of(userId, frozen)).mapEmpty();
  }

  Future<Void> erase(SqlClient tx, long userId) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Deletes up to {@code limit} notes not edited since {@code cutoff}; the ids of those that had a picture. */
  Future<Purged> purge(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit)).map(rows -> {
      List<Long> withPicture = new ArrayList<>();
      rows.forEach(r -> {
        if (r.getUUID("media_id") != null) {
          withPicture.add(r.getLong("id"));
        }
      });
      return new Purged(rows.rowCount(), withPicture);
    });
  }

  record Purged(int count, List<Long> withPicture) {
  }

  private static List<Note> notes(RowSet<Row> rows) {
    List<Note> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Note.from(r)));
    return out;
  }

  private static Optional<Note> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Note.from(rows.iterator().next()));
  }
}
