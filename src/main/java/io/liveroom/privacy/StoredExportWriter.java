package io.liveroom.privacy;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes one export document into PostgreSQL ({@link ExportDocuments}) as it is produced:
 * {@code {"format", "userId", "generatedAt", "categories": {<category>: ...}}}. Output is gathered
 * into chunks of {@link ExportDocuments#CHUNK_BYTES}; rows are relayed from a PostgreSQL cursor
 * with backpressure (the cursor pauses while a full chunk is being stored), so an export of any
 * size needs memory for about one chunk and one fetch. While a cursor is open, chunks are stored
 * through the cursor's own connection, so one export never waits for a second connection (many
 * exports at once cannot starve the pool of the connections they need to finish). Sources call it
 * one after another, never concurrently.
 */
final class StoredExportWriter implements ExportWriter {
  static final String FORMAT = "liveroom-export/1";
  private static final int FETCH = 128;

  private final ExportDocuments documents;
  private final UUID exportId;
  private final Set<String> written = new LinkedHashSet<>();
  private Buffer pending = Buffer.buffer();
  private int nextSeq;
  private long size;
  /** The connection of the open cursor, if any: chunks are stored through it meanwhile. */
  private SqlClient cursorConnection;

  StoredExportWriter(ExportDocuments documents, UUID exportId) {
    this.documents = documents;
    this.exportId = exportId;
  }

  Future<Void> begin(long userId, String generatedAt) {
    JsonObject head = new JsonObject().put("format", FORMAT).put("userId", userId).put("generatedAt", generatedAt);
    String encoded = head.encode();
    return write(Buffer.buffer(encoded.substring(0, encoded.length() - 1) + ",\"categories\":{"));
  }

  /** Closes the document and stores what is left; succeeds with the document's size in bytes. */
  Future<Long> end() {
    return write(Buffer.buffer("}}")).compose(v -> flush()).map(v -> size);
  }

  Set<String> written() {
    return written;
  }

  @Override
  public Future<Void> object(String category, JsonObject value) {
    return key(category).compose(v -> write(Buffer.buffer(value == null ? "null" : value.encode())));
  }

  @Override
  public Future<Void> list(String category, List<JsonObject> values) {
    return key(category).compose(v -> write(Buffer.buffer(Json.encode(values))));
  }

  @Override
  public Future<Void> query(Pool pool, String category, String sql, Tuple args, Function<Row, JsonObject> mapper) {
    return key(category).compose(v -> pool.withTransaction(conn -> {
      cursorConnection = conn;
      return conn.prepare(sql).compose(ps -> relay(ps.createStream(FETCH, args), mapper))
        .eventually(() -> {
          cursorConnection = null;
          return Future.succeededFuture();
        });
    }));
  }

  private Future<Void> relay(RowStream<Row> rows, Function<Row, JsonObject> mapper) {
    Promise<Void> done = Promise.promise();
    boolean[] first = {true};
    pending.appendString("[");
    rows.exceptionHandler(done::tryFail);
    // Rows already fetched may arrive while paused: they join the pending chunk, which stays bounded
    // by one fetch beyond CHUNK_BYTES. The end waits for the chunk being stored.
    Future<?>[] storing = {Future.succeededFuture()};
    rows.endHandler(v -> storing[0].compose(x -> write(Buffer.buffer("]"))).onComplete(done));
    rows.handler(row -> {
      pending.appendString(first[0] ? "" : ",").appendString(mapper.apply(row).encode());
      first[0] = false;
      if (pending.length() >= ExportDocuments.CHUNK_BYTES && storing[0].isComplete()) {
        rows.pause();
        storing[0] = flush().onSuccess(x -> rows.resume()).onFailure(done::tryFail);
      }
    });
    return done.future().eventually(rows::close);
  }

  /** Appends to the pending chunk, storing it once it is full. */
  private Future<Void> write(Buffer data) {
    pending.appendBuffer(data);
    return pending.length() >= ExportDocuments.CHUNK_BYTES ? flush() : Future.succeededFuture();
  }

  private Future<Void> flush() {
    if (pending.length() == 0) {
      return Future.succeededFuture();
    }
    Buffer chunk = pending;
    pending = Buffer.buffer();
    size += chunk.length();
    SqlClient client = cursorConnection != null ? cursorConnection : documents.pool();
    return documents.append(client, exportId, nextSeq++, chunk);
  }

  private Future<Void> key(String category) {
    if (!written.add(category)) {
      return Future.failedFuture(new IllegalStateException("Export category " + category + " written twice"));
    }
    return write(Buffer.buffer((written.size() == 1 ? "" : ",") + Json.encode(category) + ":"));
  }
}
