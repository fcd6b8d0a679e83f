package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one export document into a file as it is produced: {@code {"format", "userId",
 * "generatedAt", "categories": {<category>: ...}}}. Rows are relayed from a PostgreSQL cursor into
 * the file with backpressure (the cursor pauses while the file's write queue is full), so an export
 * of any size needs memory for one fetch only. Sources call it one after another, never
 * concurrently.
 */
public final class ExportWriter {
  static final String FORMAT = "liveroom-export/1";
  private static final int FETCH = 128;

  private final AsyncFile file;
  private final Set<String> written = new LinkedHashSet<>();

  ExportWriter(AsyncFile file) {
    this.file = file;
  }

  Future<Void> begin(long userId, String generatedAt) {
    JsonObject head = new JsonObject().put("format", FORMAT).put("userId", userId).put("generatedAt", generatedAt);
    String encoded = head.encode();
    return file.write(Buffer.buffer(encoded.substring(0, encoded.length() - 1) + ",\"categories\":{"));
  }

  Future<Void> end() {
    return file.write(Buffer.buffer("}}"));
  }

  Set<String> written() {
    return written;
  }

  /** A category holding one object (a profile, a masked identity record); null is written as null. */
  public Future<Void> object(String category, JsonObject value) {
    return key(category).compose(v -> file.write(Buffer.buffer(value == null ? "null" : value.encode())));
  }

  /** A small, bounded list already in memory (for example the consent ledger of one user). */
  public Future<Void> list(String category, List<JsonObject> values) {
    return key(category).compose(v -> file.write(Buffer.buffer(Json.encode(values))));
  }

  /**
   * Streams the rows of {@code sql} (bound to {@code args}) as a JSON array, through a cursor in a
   * read-only transaction of its own.
   */
  public Future<Void> query(Pool pool, String category, String sql, Tuple args, Function<Row, JsonObject> mapper) {
    return key(category).compose(v -> pool.withTransaction(conn -> conn.prepare(sql)
      .compose(ps -> relay(ps.createStream(FETCH, args), mapper))));
  }

  private Future<Void> relay(RowStream<Row> rows, Function<Row, JsonObject> mapper) {
    Promise<Void> done = Promise.promise();
    boolean[] first = {true};
    file.write(Buffer.buffer("["));
    rows.exceptionHandler(done::tryFail);
    file.exceptionHandler(done::tryFail);
    rows.endHandler(v -> file.write(Buffer.buffer("]")).onComplete(done));
    rows.handler(row -> {
      Buffer chunk = Buffer.buffer(first[0] ? "" : ",").appendString(mapper.apply(row).encode());
      first[0] = false;
      file.write(chunk);
      if (file.writeQueueFull()) {
        rows.pause();
        file.drainHandler(x -> rows.resume());
      }
    });
    return done.future().eventually(rows::close);
  }

  private Future<Void> key(String category) {
    if (!written.add(category)) {
      return Future.failedFuture(new IllegalStateException("Export category " + category + " written twice"));
    }
    return file.write(Buffer.buffer((written.size() == 1 ? "" : ",") + Json.encode(category) + ":"));
  }
}
