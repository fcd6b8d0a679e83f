package io.liveroom.personaldata;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.function.Function;

/**
 * Where a {@link PersonalDataSource} writes its part of a user's export. Each category is written
 * once; a source calls it one step after another (each returned future completes before the next
 * call), never concurrently. The writer decides where the document goes and keeps its memory
 * bounded, whatever the size of the user's data.
 */
public interface ExportWriter {
  /** A category holding one object (a profile, a masked identity record); null is written as null. */
  Future<Void> object(String category, JsonObject value);

  /** A small, bounded list already in memory (for example the consent ledger of one user). */
  Future<Void> list(String category, List<JsonObject> values);

  /**
   * Streams the rows of {@code sql} (bound to {@code args}) as a JSON array, through a cursor in a
   * read-only transaction of its own, with backpressure.
   */
  Future<Void> query(Pool pool, String category, String sql, Tuple args, Function<Row, JsonObject> mapper);
}
